using Microsoft.Win32.SafeHandles;

namespace MedImaging.Dicom.IO;

/// <summary>
/// Reads a file through a small window; small values are copied into a shared arena (a few arrays per file,
/// not one per element), large values become <see cref="FileBulkData"/> that is read only when asked for.
/// </summary>
internal sealed class FileByteSource : ByteSource, IDisposable
{
    private const int WindowSize = 64 * 1024;
    private const int FirstWindowSize = 8 * 1024;
    private const int ArenaChunk = 16 * 1024;

    private readonly SafeFileHandle _handle;
    private readonly string _path;
    private readonly byte[] _window = System.Buffers.ArrayPool<byte>.Shared.Rent(WindowSize);
    private bool _firstFill = true;
    private long _windowStart;
    private int _windowLength;
    private byte[] _arena = [];
    private int _arenaUsed;

    public FileByteSource(string path)
    {
        _path = Path.GetFullPath(path);
        _handle = File.OpenHandle(_path, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.RandomAccess);
        Length = RandomAccess.GetLength(_handle);
    }

    public override long Length { get; }

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

    public override DicomBulkData Bulk(long position, long length) => new FileBulkData(_path, position, length);

    private void Fill(long position)
    {
        _windowStart = position;
        _windowLength = 0;
        // Most headers fit in a few KB: the first read is small, later ones fill the whole window.
        var want = (int)Math.Min(_firstFill ? FirstWindowSize : WindowSize, Length - position);
        _firstFill = false;
        while (_windowLength < want)
        {
            var n = RandomAccess.Read(_handle, _window.AsSpan(_windowLength, want - _windowLength), position + _windowLength);
            if (n == 0) break;
            _windowLength += n;
        }
    }

    private void ReadExactly(Span<byte> target, long position)
    {
        var done = 0;
        while (done < target.Length)
        {
            var n = RandomAccess.Read(_handle, target[done..], position + done);
            if (n == 0) throw new DicomFormatException("unexpected end of file", position + done);
            done += n;
        }
    }

    /// <summary>A stream over the rest of the file from <paramref name="position"/> (for inflating).</summary>
    public Stream OpenStreamAt(long position)
    {
        var stream = new FileStream(_path, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024);
        stream.Position = position;
        return stream;
    }

    public void Dispose()
    {
        _handle.Dispose();
        System.Buffers.ArrayPool<byte>.Shared.Return(_window);
    }
}
