namespace MedImaging.Dicom;

/// <summary>How a file is written.</summary>
public sealed record DicomWriteOptions
{
    public static DicomWriteOptions Default { get; } = new();

    /// <summary>Target syntax; null keeps the syntax the dataset was read in. Only native syntaxes convert into each other.</summary>
    public DicomTransferSyntax? TransferSyntax { get; init; }

    /// <summary>Write the dataset alone, without preamble, "DICM" and meta group.</summary>
    public bool WriteRawDataset { get; init; }

    /// <summary>
    /// Recompute dataset group length elements (gggg,0000) from the encoded content. Off by default: stored values are
    /// written back as read (some files carry stale ones) so an unchanged file stays byte-identical. The meta group
    /// length (0002,0000) is always recomputed.
    /// </summary>
    public bool RecalculateGroupLengths { get; init; }

    public System.IO.Compression.CompressionLevel DeflateLevel { get; init; } = System.IO.Compression.CompressionLevel.Optimal;
}
