using System.Collections.Frozen;

namespace MedImaging.Dicom;

/// <summary>A transfer syntax: how a dataset is encoded (VR explicit or not, byte order, deflate, encapsulated pixel data).</summary>
public sealed partial class DicomTransferSyntax : IEquatable<DicomTransferSyntax>
{
    private static readonly Lazy<FrozenDictionary<string, DicomTransferSyntax>> ByUid =
        new(() => Registry.ToFrozenDictionary(t => t.UID.UID, StringComparer.Ordinal));

    private DicomTransferSyntax(DicomUID uid)
    {
        UID = uid;
        var value = uid.UID;
        IsExplicitVR = value != "1.2.840.10008.1.2";
        IsBigEndian = value == "1.2.840.10008.1.2.2";
        IsDeflate = value == "1.2.840.10008.1.2.1.99";
        IsEncapsulated = value is not ("1.2.840.10008.1.2" or "1.2.840.10008.1.2.1" or "1.2.840.10008.1.2.2" or "1.2.840.10008.1.2.1.99");
    }

    public DicomUID UID { get; }
    public bool IsExplicitVR { get; }
    public bool IsBigEndian { get; }
    public bool IsDeflate { get; }
    public bool IsEncapsulated { get; }
    public bool IsRetired => UID.IsRetired;
    public bool IsKnown => ByUid.Value.ContainsKey(UID.UID);

    /// <summary>Registered syntax for a UID; an unknown UID is treated as explicit VR little endian, encapsulated.</summary>
    public static DicomTransferSyntax Parse(string uid)
    {
        var trimmed = uid.TrimEnd('\0', ' ');
        return ByUid.Value.TryGetValue(trimmed, out var known) ? known : new DicomTransferSyntax(DicomUID.Parse(trimmed));
    }

    public static IReadOnlyCollection<DicomTransferSyntax> All => Registry;

    public bool Equals(DicomTransferSyntax? other) => other is not null && UID.Equals(other.UID);
    public override bool Equals(object? obj) => obj is DicomTransferSyntax other && Equals(other);
    public override int GetHashCode() => UID.GetHashCode();
    public override string ToString() => UID.ToString();
    public static bool operator ==(DicomTransferSyntax? a, DicomTransferSyntax? b) => a?.Equals(b) ?? b is null;
    public static bool operator !=(DicomTransferSyntax? a, DicomTransferSyntax? b) => !(a == b);
}
