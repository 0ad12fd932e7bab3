namespace MedImaging.Dicom.Deidentification.Profile;

/// <summary>
/// PS3.15 Annex E Table E.1-1 as shipped in standard/confidentiality-profile.tsv (embedded, parsed once),
/// plus the supplement rows for identity attributes added to PS3.6 after that edition
/// (Profile/newer-identity-attributes.tsv, from the known gaps in standard/README.md).
/// </summary>
public sealed class ConfidentialityProfile
{
    /// <summary>Edition of Table E.1-1 in standard/confidentiality-profile.tsv (see standard/README.md).</summary>
    public const string Edition = "2024b";

    private readonly Dictionary<uint, ProfileRow> _exact;
    private readonly ProfileRow[] _masked;
    private readonly HashSet<ProfileRow> _supplement;

    public static ConfidentialityProfile Standard { get; } = new(
        ProfileTableReader.ReadEmbedded("confidentiality-profile.tsv"),
        ProfileTableReader.ReadEmbedded("newer-identity-attributes.tsv"));

    public ConfidentialityProfile(IReadOnlyList<ProfileRow> tableRows, IReadOnlyList<ProfileRow> supplementRows)
    {
        TableRows = tableRows;
        SupplementRows = supplementRows;
        _exact = tableRows.Concat(supplementRows).Where(r => r.Tag.IsExact).ToDictionary(r => r.Tag.Value);
        _masked = tableRows.Where(r => !r.Tag.IsExact && !r.Tag.IsPrivateAttributes).ToArray();
        PrivateAttributes = tableRows.Single(r => r.Tag.IsPrivateAttributes);
        _supplement = new HashSet<ProfileRow>(supplementRows, ReferenceEqualityComparer.Instance);
    }

    /// <summary>True for rows this project added for attributes newer than the table's edition.</summary>
    public bool IsSupplement(ProfileRow row) => _supplement.Contains(row);

    /// <summary>The rows of Table E.1-1, in file order.</summary>
    public IReadOnlyList<ProfileRow> TableRows { get; }

    /// <summary>Rows this project adds for attributes newer than the table's edition.</summary>
    public IReadOnlyList<ProfileRow> SupplementRows { get; }

    /// <summary>The "(gggg,eeee) where gggg is odd" row.</summary>
    public ProfileRow PrivateAttributes { get; }

    /// <summary>The row that governs a standard (even group) tag, or null when the table does not list it.</summary>
    public ProfileRow? FindStandard(uint tag)
    {
        if (_exact.TryGetValue(tag, out var row))
            return row;
        foreach (var masked in _masked)
            if (masked.Tag.Matches(tag))
                return masked;
        return null;
    }

    /// <summary>The row for any tag: private attributes (odd groups) map to the private row.</summary>
    public ProfileRow? Find(uint tag) => ((tag >> 16) & 1) == 1 ? PrivateAttributes : FindStandard(tag);
}
