namespace MedImaging.Dicom;

/// <summary>
/// A deflated dataset inflates (or declares a value that would inflate) beyond <see cref="DicomReadOptions.MaxInflatedBytes"/>:
/// a deflate bomb, or a dataset larger than the reader was allowed to inflate.
/// </summary>
public sealed class DicomInflateLimitException(long limitBytes, long offset, DicomTag? tag = null)
    : DicomFormatException($"deflated dataset inflates beyond {limitBytes} bytes", offset, tag)
{
    /// <summary>The limit that was reached (<see cref="DicomReadOptions.MaxInflatedBytes"/>).</summary>
    public long LimitBytes { get; } = limitBytes;
}
