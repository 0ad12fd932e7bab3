using System.Collections.Frozen;

namespace MedImaging.Dicom;

/// <summary>A DICOM unique identifier, with its PS3.6 registry entry when it has one.</summary>
public sealed partial class DicomUID : IEquatable<DicomUID>
{
    private static readonly Lazy<FrozenDictionary<string, DicomUID>> ByUid =
        new(() => Registry.ToFrozenDictionary(u => u.UID, StringComparer.Ordinal));

    public DicomUID(string uid, string name, string keyword, DicomUidType type, bool isRetired)
    {
        UID = uid;
        Name = name;
        Keyword = keyword;
        Type = type;
        IsRetired = isRetired;
    }

    public string UID { get; }
    public string Name { get; }
    public string Keyword { get; }
    public DicomUidType Type { get; }
    public bool IsRetired { get; }

    /// <summary>True when the UID comes from the standard's registry.</summary>
    public bool IsKnown => ByUid.Value.ContainsKey(UID);

    /// <summary>Returns the registered UID, or an unregistered one carrying the given string.</summary>
    public static DicomUID Parse(string uid)
    {
        var trimmed = uid.TrimEnd('\0', ' ');
        return ByUid.Value.TryGetValue(trimmed, out var known) ? known : new DicomUID(trimmed, trimmed, "", DicomUidType.Unknown, false);
    }

    public static bool TryLookup(string uid, out DicomUID? known) => ByUid.Value.TryGetValue(uid, out known);

    public static IReadOnlyCollection<DicomUID> All => Registry;

    /// <summary>PS3.5 9.1: 1-64 chars, components of digits separated by dots, no leading zero in a multi-digit component.</summary>
    public static bool IsValid(string uid)
    {
        if (uid.Length is 0 or > 64) return false;
        var componentStart = 0;
        for (var i = 0; i <= uid.Length; i++)
        {
            if (i == uid.Length || uid[i] == '.')
            {
                var length = i - componentStart;
                if (length == 0 || (length > 1 && uid[componentStart] == '0')) return false;
                componentStart = i + 1;
            }
            else if (uid[i] is < '0' or > '9') return false;
        }
        return true;
    }

    public bool Equals(DicomUID? other) => other is not null && string.Equals(UID, other.UID, StringComparison.Ordinal);
    public override bool Equals(object? obj) => obj is DicomUID other && Equals(other);
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(UID);
    public override string ToString() => Name.Length > 0 && Name != UID ? $"{UID} ({Name})" : UID;
    public static bool operator ==(DicomUID? a, DicomUID? b) => a?.Equals(b) ?? b is null;
    public static bool operator !=(DicomUID? a, DicomUID? b) => !(a == b);
}
