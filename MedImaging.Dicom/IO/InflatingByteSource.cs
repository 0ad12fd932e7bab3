using System.Buffers;
using System.IO.Compression;

namespace MedImaging.Dicom.IO;

/// <summary>
/// A deflated dataset inflated while it is parsed, forward only, through one small window: whatever the inflated
/// size, a read holds the window and the values it keeps, never the whole inflated dataset. The limit is enforced
/// as bytes come out of the inflater, and a value declared to end beyond it is refused before anything is inflated.
/// Large values are not kept: they become <see cref="InflatedBulkData"/>, which inflates again when asked for.
/// <see cref="Length"/> is the limit: the real end is known only once reached (<see cref="EndsAt"/>).
/// </summary>
internal sealed class InflatingByteSource : ByteSource, IDisposable
{
    private const int WindowSize = 64 * 1024;

    private readonly Func<Stream> _openCompressed;
    private readonly long _limit;
    private readonly long _compressedOffset;
    private readonly Stream _compressed;
    private readonly DeflateStream _inflater;
    private readonly byte[] _window = ArrayPool<byte>.Shared.Rent(WindowSize);
    private long _windowStart;
    private int _windowLength;
    private bool _ended;
    private long _produced;

    /// <param name="openCompressed">Opens the deflated bytes from their start (again for each bulk value read later).</param>
    /// <param name="compressedOffset">Where the deflated bytes start in the file, for error offsets.</param>
    public InflatingByteSource(Func<Stream> openCompressed, long limit, long compressedOffset)
    {
        _openCompressed = openCompressed;
        _limit = limit;
        _compressedOffset = compressedOffset;
        _compressed = openCompressed();
        _inflater = new DeflateStream(_compressed, CompressionMode.Decompress);
    }

    public override long Length => _limit;

    public override bool EndsAt(long position) => !TryEnsure(position, 1);

    public override DicomFormatException Overrun(string what, long length, long available, long offset, DicomTag? tag) =>
        new DicomInflateLimitException(_limit, offset, tag);

    public override ReadOnlySpan<byte> Peek(long position, int count)
    {
        if (!TryEnsure(position, count)) throw Truncated(position);
        return _window.AsSpan((int)(position - _windowStart), count);
    }

    public override ReadOnlyMemory<byte> Value(long position, int length)
    {
        if (length == 0) return ReadOnlyMemory<byte>.Empty;
        // Grows as bytes arrive: a declared length the data never fills costs what is there, not what was declared.
        var target = GC.AllocateUninitializedArray<byte>(Math.Min(length, WindowSize));
        var done = 0;
        while (done < length)
        {
            if (!TryEnsure(position + done, 1)) throw Truncated(position + done);
            if (done == target.Length) Array.Resize(ref target, (int)Math.Min(length, 2L * target.Length));
            var offset = (int)(position + done - _windowStart);
            var n = Math.Min(_windowLength - offset, length - done);
            n = Math.Min(n, target.Length - done);
            _window.AsSpan(offset, n).CopyTo(target.AsSpan(done));
            done += n;
        }
        return target;
    }

    public override DicomBulkData Bulk(long position, long length) =>
        new InflatedBulkData(_openCompressed, position, length, _compressedOffset);

    /// <summary>Makes [position, position + count) lie in the window; false when the inflated data ends first.</summary>
    private bool TryEnsure(long position, int count)
    {
        if (position < _windowStart) throw new InvalidOperationException("an inflating source reads forward only");
        var windowEnd = _windowStart + _windowLength;
        if (position + count <= windowEnd) return true;
        if (position >= windowEnd)
        {
            Discard(position - windowEnd);
            // A skipped value that runs past the end is a truncation, not the end of the dataset.
            if (_produced < position) throw Truncated(_produced);
            _windowStart = position;
            _windowLength = 0;
        }
        else
        {
            var keep = (int)(windowEnd - position);
            _window.AsSpan((int)(position - _windowStart), keep).CopyTo(_window);
            _windowStart = position;
            _windowLength = keep;
        }
        while (_windowLength < count && !_ended)
            _windowLength += Inflate(_window.AsSpan(_windowLength, WindowSize - _windowLength), _windowStart + _windowLength);
        return _windowLength >= count;
    }

    /// <summary>Inflates and drops <paramref name="count"/> bytes (a value nobody keeps), or up to the end.</summary>
    private void Discard(long count)
    {
        var position = _windowStart + _windowLength;
        while (count > 0 && !_ended)
        {
            var n = Inflate(_window.AsSpan(0, (int)Math.Min(WindowSize, count)), position);
            position += n;
            count -= n;
        }
    }

    private int Inflate(Span<byte> target, long inflatedSoFar)
    {
        // One byte past the limit is enough to know it is exceeded.
        var room = _limit + 1 - inflatedSoFar;
        if (room < target.Length) target = target[..(int)Math.Max(room, 0)];
        int n;
        try
        {
            n = target.IsEmpty ? 0 : _inflater.Read(target);
        }
        catch (InvalidDataException e)
        {
            throw new DicomFormatException("corrupt deflate stream", _compressedOffset, null, e);
        }
        if (inflatedSoFar + n > _limit) throw new DicomInflateLimitException(_limit, inflatedSoFar);
        if (n == 0) _ended = true;
        _produced += n;
        return n;
    }

    private static DicomFormatException Truncated(long position) =>
        new("deflated dataset ends inside an element", position);

    public void Dispose()
    {
        _inflater.Dispose();
        _compressed.Dispose();
        ArrayPool<byte>.Shared.Return(_window);
    }
}
