namespace MedImaging.Dicom;

/// <summary>One row of the PS3.6 data dictionary. Repeating-group rows match through <see cref="Mask"/>.</summary>
public sealed record DicomDictionaryEntry(
    DicomTag Tag,
    uint Mask,
    IReadOnlyList<DicomVR> ValueRepresentations,
    string ValueMultiplicity,
    string Keyword,
    string Name,
    bool IsRetired)
{
    /// <summary>The VR used when the encoding does not say (implicit VR): the first one PS3.6 lists.</summary>
    public DicomVR DefaultVR => ValueRepresentations.Count > 0 ? ValueRepresentations[0] : DicomVR.UN;

    public bool IsRepeatingGroup => Mask != 0xFFFFFFFF;

    public bool Matches(DicomTag tag) => (tag.Value & Mask) == Tag.Value;

    public static DicomDictionaryEntry Unknown(DicomTag tag) => new(tag, 0xFFFFFFFF, [DicomVR.UN], "1-n", "", "Unknown", false);

    public static DicomDictionaryEntry GroupLength(DicomTag tag) =>
        new(tag, 0xFFFFFFFF, [DicomVR.UL], "1", "GroupLength", "Group Length", false);

    public static DicomDictionaryEntry PrivateCreator(DicomTag tag) =>
        new(tag, 0xFFFFFFFF, [DicomVR.LO], "1", "PrivateCreator", "Private Creator", false);
}
