namespace MedImaging.Dicom;

/// <summary>A large value (pixel data, big OB/OW/UN, a fragment) that is read only when asked for.</summary>
public abstract class DicomBulkData
{
    public abstract long Length { get; }

    /// <summary>The bytes, loaded on first use and kept.</summary>
    public abstract ReadOnlyMemory<byte> GetBytes();

    /// <summary>Copies the bytes into <paramref name="destination"/> without keeping them.</summary>
    public virtual void CopyTo(Stream destination) => destination.Write(GetBytes().Span);

    /// <summary>Copies the bytes into a caller's buffer (e.g. a pooled one) without keeping them.</summary>
    public virtual void CopyTo(Span<byte> destination) => GetBytes().Span.CopyTo(destination);

    public static DicomBulkData FromMemory(ReadOnlyMemory<byte> bytes) => new MemoryBulkData(bytes);
}

/// <summary>Bulk data that is already in memory (a slice of the read buffer, or built by code).</summary>
public sealed class MemoryBulkData(ReadOnlyMemory<byte> bytes) : DicomBulkData
{
    public override long Length => bytes.Length;
    public override ReadOnlyMemory<byte> GetBytes() => bytes;

    public override void CopyTo(Stream destination)
    {
        // Saving to a path: written from where it is in the file's gathering write, not copied into its buffer.
        if (destination is IO.FileWriteBuffer writeBuffer) writeBuffer.WriteUncopied(bytes);
        else destination.Write(bytes.Span);
    }
}

/// <summary>Bulk data left where it was read (offset and length); its source is read when the bytes are asked for.</summary>
public abstract class LazyBulkData(long offset, long length) : DicomBulkData
{
    private ReadOnlyMemory<byte>? _loaded;

    public long Offset { get; } = offset;
    public override long Length => length;
    public bool IsLoaded => _loaded.HasValue;

    /// <summary>The bytes once <see cref="GetBytes"/> kept them; null before.</summary>
    protected ReadOnlyMemory<byte>? Loaded => _loaded;

    public override ReadOnlyMemory<byte> GetBytes()
    {
        if (_loaded is { } loaded) return loaded;
        if (length > Array.MaxLength) throw new DicomDataException($"bulk data of {length} bytes is too large to load");
        var bytes = GC.AllocateUninitializedArray<byte>((int)length);
        CopyTo(bytes);
        _loaded = bytes;
        return bytes;
    }

    public override void CopyTo(Span<byte> destination)
    {
        if (destination.Length < length) throw new ArgumentException("destination is shorter than the bulk data", nameof(destination));
        if (_loaded is { } loaded) loaded.Span.CopyTo(destination);
        else ReadFromSource(destination[..(int)length]);
    }

    /// <summary>Fills <paramref name="destination"/> (exactly <see cref="Length"/> bytes) from the source.</summary>
    protected abstract void ReadFromSource(Span<byte> destination);
}

/// <summary>Bulk data left in a file: path, offset and length; the file is opened when the bytes are asked for.</summary>
public sealed class FileBulkData(string path, long offset, long length) : LazyBulkData(offset, length)
{
    public string Path { get; } = path;

    protected override void ReadFromSource(Span<byte> destination)
    {
        using var handle = File.OpenHandle(Path);
        var read = 0;
        while (read < destination.Length)
        {
            var n = RandomAccess.Read(handle, destination[read..], Offset + read);
            if (n == 0) throw new DicomFormatException("file shorter than when it was read", Offset + read);
            read += n;
        }
    }

    public override void CopyTo(Stream destination)
    {
        if (Loaded is { } loaded)
        {
            destination.Write(loaded.Span);
            return;
        }
        if (destination is IO.FileWriteBuffer writeBuffer)
        {
            ReadInto(writeBuffer);
            return;
        }
        using var source = new FileStream(Path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        source.Position = Offset;
        var buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(81920);
        try
        {
            var remaining = Length;
            while (remaining > 0)
            {
                var n = source.Read(buffer, 0, (int)Math.Min(buffer.Length, remaining));
                if (n == 0) throw new DicomFormatException("file shorter than when it was read", Offset + Length - remaining);
                destination.Write(buffer, 0, n);
                remaining -= n;
            }
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Reads straight into the writer's buffer: no intermediate copy, one read per buffer-full.</summary>
    private void ReadInto(IO.FileWriteBuffer buffer)
    {
        using var handle = File.OpenHandle(Path);
        long done = 0;
        while (done < Length)
        {
            var space = buffer.FreeSpace;
            var want = (int)Math.Min(space.Length, Length - done);
            var n = RandomAccess.Read(handle, space[..want], Offset + done);
            if (n == 0) throw new DicomFormatException("file shorter than when it was read", Offset + done);
            buffer.Advance(n);
            done += n;
        }
    }
}

/// <summary>Bulk data left in a seekable stream; read when asked for, so the stream must still be open then.</summary>
public sealed class StreamBulkData(Stream stream, long offset, long length) : LazyBulkData(offset, length)
{
    protected override void ReadFromSource(Span<byte> destination)
    {
        lock (stream)
        {
            stream.Position = Offset;
            var read = 0;
            while (read < destination.Length)
            {
                var n = stream.Read(destination[read..]);
                if (n == 0) throw new DicomFormatException("stream shorter than when it was read", Offset + read);
                read += n;
            }
        }
    }
}

/// <summary>
/// A value inside a deflated dataset, which is never kept inflated: reading it inflates the dataset again from its
/// start up to the value (the deflated bytes must still be there then, as for <see cref="StreamBulkData"/>).
/// </summary>
public sealed class InflatedBulkData : LazyBulkData
{
    private readonly Func<Stream> _openCompressed;
    private readonly long _compressedOffset;

    internal InflatedBulkData(Func<Stream> openCompressed, long inflatedOffset, long length, long compressedOffset)
        : base(inflatedOffset, length)
    {
        _openCompressed = openCompressed;
        _compressedOffset = compressedOffset;
    }

    protected override void ReadFromSource(Span<byte> destination)
    {
        using var compressed = _openCompressed();
        using var inflater = new System.IO.Compression.DeflateStream(compressed, System.IO.Compression.CompressionMode.Decompress);
        try
        {
            var skip = Offset;
            var scratch = new byte[(int)Math.Min(64 * 1024, Math.Max(skip, 1))];
            while (skip > 0)
            {
                var n = inflater.Read(scratch, 0, (int)Math.Min(scratch.Length, skip));
                if (n == 0) throw new DicomFormatException("deflated dataset shorter than when it was read", Offset - skip);
                skip -= n;
            }
            inflater.ReadExactly(destination);
        }
        catch (Exception e) when (e is InvalidDataException or EndOfStreamException)
        {
            throw new DicomFormatException("deflated dataset differs from when it was read", _compressedOffset, null, e);
        }
    }
}
