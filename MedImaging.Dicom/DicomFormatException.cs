namespace MedImaging.Dicom;

/// <summary>Malformed DICOM input. Names the byte offset and the tag being read; never carries element values.</summary>
public class DicomFormatException : Exception
{
    public DicomFormatException(string reason, long offset, DicomTag? tag = null, Exception? inner = null)
        : base(Format(reason, offset, tag), inner)
    {
        Reason = reason;
        Offset = offset;
        Tag = tag;
    }

    /// <summary>What is wrong, without the location.</summary>
    public string Reason { get; }

    /// <summary>Byte offset in the input (in the inflated stream for deflated datasets) where the problem was found.</summary>
    public long Offset { get; }

    /// <summary>The element being read, when the problem belongs to one.</summary>
    public DicomTag? Tag { get; }

    private static string Format(string reason, long offset, DicomTag? tag) =>
        tag is { } t ? $"{reason} at offset {offset} in element {t}" : $"{reason} at offset {offset}";
}
