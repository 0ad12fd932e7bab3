namespace MedImaging.Dicom.IO;

/// <summary>Random access to the bytes being parsed: a buffer in memory or a file read through a window.</summary>
internal abstract class ByteSource
{
    public abstract long Length { get; }

    /// <summary>Exactly <paramref name="count"/> (at most 16) bytes at <paramref name="position"/>; caller checks bounds.</summary>
    public abstract ReadOnlySpan<byte> Peek(long position, int count);

    /// <summary>A small value: a slice of memory, or a copy into the arena for files.</summary>
    public abstract ReadOnlyMemory<byte> Value(long position, int length);

    /// <summary>A large value left where it is.</summary>
    public abstract DicomBulkData Bulk(long position, long length);

    /// <summary>True when the data ends exactly at <paramref name="position"/> (a source whose end is known only once reached says so here).</summary>
    public virtual bool EndsAt(long position) => position >= Length;

    /// <summary>The error for a declared length running past <see cref="Length"/>.</summary>
    public virtual DicomFormatException Overrun(string what, long length, long available, long offset, DicomTag? tag) =>
        new($"{what} {length} exceeds the {available} bytes remaining", offset, tag);
}

internal sealed class MemoryByteSource(ReadOnlyMemory<byte> memory) : ByteSource
{
    public override long Length => memory.Length;
    public override ReadOnlySpan<byte> Peek(long position, int count) => memory.Span.Slice((int)position, count);
    public override ReadOnlyMemory<byte> Value(long position, int length) => memory.Slice((int)position, length);
    public override DicomBulkData Bulk(long position, long length) => new MemoryBulkData(memory.Slice((int)position, (int)length));
}
