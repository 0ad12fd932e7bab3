namespace MedImaging.Pipeline.Metadata;

/// <summary>What an uploaded object turned out to be.</summary>
public enum InstanceKind
{
    Dicom,
    Jpeg,
    Png,
}
