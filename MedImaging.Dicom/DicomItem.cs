namespace MedImaging.Dicom;

/// <summary>Anything a dataset holds: an element, a sequence or encapsulated pixel data.</summary>
public abstract class DicomItem(DicomTag tag, DicomVR vr)
{
    public DicomTag Tag { get; } = tag;
    public DicomVR ValueRepresentation { get; } = vr;

    /// <summary>Short alias of <see cref="ValueRepresentation"/>.</summary>
    public DicomVR VR => ValueRepresentation;

    public override string ToString() => $"{Tag} {VR.Code}";
}
