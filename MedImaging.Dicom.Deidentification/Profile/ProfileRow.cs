namespace MedImaging.Dicom.Deidentification.Profile;

/// <summary>One row of Table E.1-1: the basic profile action and the action of every option that changes it.</summary>
public sealed record ProfileRow(
    TagPattern Tag,
    string Name,
    bool Retired,
    ActionCode Basic,
    IReadOnlyDictionary<ProfileOption, ActionCode> Options,
    bool InStandardCompositeIod)
{
    public override string ToString() => $"{Tag} {Name}: {Basic}";
}
