namespace MedImaging.Dicom;

/// <summary>A sequence of items (SQ), each item a dataset.</summary>
public sealed class DicomSequence(DicomTag tag) : DicomItem(tag, DicomVR.SQ)
{
    public DicomSequence(DicomTag tag, params IEnumerable<DicomDataset> items) : this(tag)
    {
        Items.AddRange(items);
    }

    public List<DicomDataset> Items { get; } = [];

    /// <summary>Encoding hint kept from the input so an unchanged file is written back identically.</summary>
    public bool UndefinedLength { get; set; }

    /// <summary>True when the input encoded it as VR UN (items in implicit VR little endian).</summary>
    public bool EncodedAsUN { get; set; }

    public override string ToString() => $"{Tag} SQ, {Items.Count} item(s)";
}
