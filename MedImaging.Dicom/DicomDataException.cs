namespace MedImaging.Dicom;

/// <summary>A value is missing or cannot be converted to the requested type.</summary>
public sealed class DicomDataException(string message, DicomTag? tag = null) : Exception(tag is { } t ? $"{message} ({t})" : message)
{
    public DicomTag? Tag { get; } = tag;
}
