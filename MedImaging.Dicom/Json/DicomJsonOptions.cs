namespace MedImaging.Dicom.Json;

/// <summary>What the DICOM JSON model (PS3.18 F.2) writer includes.</summary>
public sealed record DicomJsonOptions
{
    public static DicomJsonOptions Default { get; } = new();

    /// <summary>Leaves out Pixel Data (and float / double float pixel data) of the top-level dataset.</summary>
    public static DicomJsonOptions WithoutPixelData { get; } = new() { ExcludePixelData = true };

    public bool ExcludePixelData { get; init; }

    /// <summary>When set, binary values get "BulkDataURI" from this function instead of "InlineBinary" (null = inline).</summary>
    public Func<DicomTag, DicomElement, string?>? BulkDataUri { get; init; }

    public bool Indented { get; init; }
}
