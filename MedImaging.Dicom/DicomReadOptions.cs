namespace MedImaging.Dicom;

/// <summary>How a file is read.</summary>
public sealed record DicomReadOptions
{
    public static DicomReadOptions Default { get; } = new();

    /// <summary>Stop before (7FE0,0010) Pixel Data at the top level; its bytes are never touched.</summary>
    public static DicomReadOptions HeaderOnly { get; } = new() { StopBeforePixelData = true };

    public bool StopBeforePixelData { get; init; }

    /// <summary>OB/OW/OD/OF/OL/OV/UN values at least this long stay in the file (lazy). Pixel data always does.</summary>
    public int BulkDataThreshold { get; init; } = 64 * 1024;

    /// <summary>Deepest sequence nesting accepted.</summary>
    public int MaxSequenceDepth { get; init; } = 64;

    /// <summary>Largest inflated size of a deflated dataset (guards against deflate bombs).</summary>
    public long MaxInflatedBytes { get; init; } = 256L << 20;

    /// <summary>Re-interpret explicit VR UN elements with the dictionary's VR when the tag is known.</summary>
    public bool ReinterpretUnknownVR { get; init; } = true;
}
