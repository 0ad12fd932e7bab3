using System.Buffers;

namespace MedImaging.Dicom.IO;

/// <summary>
/// Reads through a small window; small values are copied into a shared arena (a few arrays per input, not one per
/// element), large values become lazy <see cref="DicomBulkData"/> that is read only when asked for.
/// </summary>
internal abstract class WindowedByteSource : ByteSource, IDisposable
{
    private const int WindowSize = 64 * 1024;
    private const int FirstWindowSize = 8 * 1024;
    private const int ArenaChunk = 16 * 1024;

    private readonly byte[] _window = ArrayPool<byte>.Shared.Rent(WindowSize);
    private bool _firstFill = true;
    private long _windowStart;
    private int _windowLength;
    private byte[] _arena = [];
    private int _arenaUsed;

    /// <summary>Reads up to <paramref name="target"/>.Length bytes at <paramref name="position"/>; 0 at the end.</summary>
    protected abstract int ReadAt(Span<byte> target, long position);

    public override ReadOnlySpan<byte> Peek(long position, int count)
    {
        if (position < _windowStart || position + count > _windowStart + _windowLength) Fill(position);
        return _window.AsSpan((int)(position - _windowStart), count);
    }

    public override ReadOnlyMemory<byte> Value(long position, int length)
    {
        if (length == 0) return ReadOnlyMemory<byte>.Empty;
        Memory<byte> target;
        if (length > ArenaChunk / 4) target = GC.AllocateUninitializedArray<byte>(length);
        else
        {
            if (_arenaUsed + length > _arena.Length)
            {
                _arena = GC.AllocateUninitializedArray<byte>(ArenaChunk);
                _arenaUsed = 0;
            }
            target = _arena.AsMemory(_arenaUsed, length);
            _arenaUsed += length;
        }
        if (position >= _windowStart && position + length <= _windowStart + _windowLength)
            _window.AsSpan((int)(position - _windowStart), length).CopyTo(target.Span);
        else if (length <= WindowSize / 2)
        {
            Fill(position);
            _window.AsSpan(0, length).CopyTo(target.Span);
        }
        else ReadExactly(target.Span, position);
        return target;
    }

    private void Fill(long position)
    {
        _windowStart = position;
        _windowLength = 0;
        // Most headers fit in a few KB: the first read is small, later ones fill the whole window.
        var want = (int)Math.Min(_firstFill ? FirstWindowSize : WindowSize, Length - position);
        _firstFill = false;
        while (_windowLength < want)
        {
            var n = ReadAt(_window.AsSpan(_windowLength, want - _windowLength), position + _windowLength);
            if (n == 0) break;
            _windowLength += n;
        }
    }

    private void ReadExactly(Span<byte> target, long position)
    {
        var done = 0;
        while (done < target.Length)
        {
            var n = ReadAt(target[done..], position + done);
            if (n == 0) throw new DicomFormatException("unexpected end of data", position + done);
            done += n;
        }
    }

    public virtual void Dispose() => ArrayPool<byte>.Shared.Return(_window);
}
