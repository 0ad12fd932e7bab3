using MedImaging.Dicom.IO;

namespace MedImaging.Dicom;

/// <summary>A DICOM Part 10 file (or a bare dataset): meta group, dataset, and how it was read.</summary>
public sealed class DicomFile
{
    public DicomFile(DicomDataset dataset) : this(new DicomFileMetaInformation(dataset, dataset.InternalTransferSyntax), dataset, DicomFileFormat.Part10, null)
    {
    }

    public DicomFile(DicomFileMetaInformation fileMetaInfo, DicomDataset dataset, DicomFileFormat format, byte[]? preamble)
    {
        FileMetaInfo = fileMetaInfo;
        Dataset = dataset;
        Format = format;
        Preamble = preamble ?? new byte[128];
    }

    public DicomFileMetaInformation FileMetaInfo { get; }
    public DicomDataset Dataset { get; }
    public DicomFileFormat Format { get; }

    /// <summary>The 128-byte preamble as read (zeros for new files); written back unchanged.</summary>
    public byte[] Preamble { get; }

    /// <summary>Offset of the Pixel Data element when a header-only read stopped there.</summary>
    public long? PixelDataOffset { get; init; }

    /// <summary>Zero bytes found after the last element of the dataset and skipped (not written back).</summary>
    public long TrailingZeroBytes { get; init; }

    /// <summary>The syntax the dataset is encoded in.</summary>
    public DicomTransferSyntax TransferSyntax => Dataset.InternalTransferSyntax;

    public static DicomFile Open(string path, DicomReadOptions? options = null)
    {
        using var source = new FileByteSource(path);
        return DicomFileReader.Read(source, options ?? DicomReadOptions.Default, source.OpenStreamAt);
    }

    public static DicomFile Open(Stream stream, DicomReadOptions? options = null) => Read(stream, options);

    /// <summary>
    /// Reads from a stream. A seekable stream is read through a window and bulk data stays in it (read when asked
    /// for, so keep the stream open until then); any other stream is read to its end into one buffer.
    /// </summary>
    public static DicomFile Read(Stream stream, DicomReadOptions? options = null)
    {
        if (stream.CanSeek && stream is not MemoryStream)
        {
            using var windowed = new StreamByteSource(stream);
            return DicomFileReader.Read(windowed, options ?? DicomReadOptions.Default, windowed.OpenStreamAt);
        }
        byte[] bytes;
        if (stream is MemoryStream memory && memory.TryGetBuffer(out var segment))
            bytes = segment.AsSpan((int)memory.Position).ToArray();
        else
        {
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            bytes = copy.ToArray();
        }
        return Read(bytes, options);
    }

    public static DicomFile Read(ReadOnlyMemory<byte> bytes, DicomReadOptions? options = null)
    {
        var source = new MemoryByteSource(bytes);
        return DicomFileReader.Read(source, options ?? DicomReadOptions.Default, position => OpenAt(bytes, position));
    }

    // Deflated bytes are inflated from where they are (no copy): an array-backed buffer is wrapped, not duplicated.
    private static MemoryStream OpenAt(ReadOnlyMemory<byte> bytes, long position)
    {
        var rest = bytes.Slice((int)position);
        return System.Runtime.InteropServices.MemoryMarshal.TryGetArray(rest, out var segment)
            ? new MemoryStream(segment.Array!, segment.Offset, segment.Count, writable: false)
            : new MemoryStream(rest.ToArray(), writable: false);
    }

    public void Save(string path, DicomWriteOptions? options = null)
    {
        using var stream = new FileWriteBuffer(path);
        Save(stream, options);
    }

    public void Save(Stream stream, DicomWriteOptions? options = null) =>
        DicomFileWriter.Write(stream, this, options ?? DicomWriteOptions.Default);

    public override string ToString() => $"DicomFile ({Format}, {TransferSyntax.UID.Name}, {Dataset.Count} items)";
}
