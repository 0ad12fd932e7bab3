namespace MedImaging.Dicom.Values;

/// <summary>The five components of one PN component group.</summary>
public sealed record DicomPersonNameComponents(string FamilyName, string GivenName, string MiddleName, string Prefix, string Suffix)
{
    public static DicomPersonNameComponents Empty { get; } = new("", "", "", "", "");

    public static DicomPersonNameComponents Parse(string group)
    {
        var parts = group.Split('^');
        string Part(int i) => i < parts.Length ? parts[i].Trim() : "";
        return new DicomPersonNameComponents(Part(0), Part(1), Part(2), Part(3), Part(4));
    }

    public bool IsEmpty => FamilyName.Length + GivenName.Length + MiddleName.Length + Prefix.Length + Suffix.Length == 0;

    /// <summary>Encoded form with trailing empty components dropped.</summary>
    public string ToDicomString() => string.Join('^', FamilyName, GivenName, MiddleName, Prefix, Suffix).TrimEnd('^');

    public override string ToString() => "PN components (value not shown)";
}

/// <summary>A PN value: alphabetic, ideographic and phonetic component groups (PS3.5 6.2.1). ToString() hides the name.</summary>
public sealed record DicomPersonName(DicomPersonNameComponents Alphabetic, DicomPersonNameComponents Ideographic, DicomPersonNameComponents Phonetic)
{
    public static DicomPersonName Parse(string value)
    {
        var groups = value.Split('=');
        DicomPersonNameComponents Group(int i) => i < groups.Length ? DicomPersonNameComponents.Parse(groups[i]) : DicomPersonNameComponents.Empty;
        return new DicomPersonName(Group(0), Group(1), Group(2));
    }

    public string FamilyName => Alphabetic.FamilyName;
    public string GivenName => Alphabetic.GivenName;

    public string ToDicomString()
    {
        var groups = new[] { Alphabetic.ToDicomString(), Ideographic.ToDicomString(), Phonetic.ToDicomString() };
        return string.Join('=', groups).TrimEnd('=');
    }

    public override string ToString() => "PN (value not shown)";
}
