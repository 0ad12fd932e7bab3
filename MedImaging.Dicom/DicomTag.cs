using System.Globalization;

namespace MedImaging.Dicom;

/// <summary>A data element tag (group, element). Private data elements may carry the creator they are bound to.</summary>
public readonly partial struct DicomTag : IEquatable<DicomTag>, IComparable<DicomTag>
{
    public DicomTag(ushort group, ushort element) : this(group, element, null) { }

    public DicomTag(ushort group, ushort element, string? privateCreator)
    {
        Group = group;
        Element = element;
        PrivateCreator = privateCreator;
    }

    public ushort Group { get; }
    public ushort Element { get; }

    /// <summary>For private data elements: the value of the private creator element reserving its block.</summary>
    public string? PrivateCreator { get; }

    /// <summary>(group &lt;&lt; 16) | element, the sort key of a dataset.</summary>
    public uint Value => ((uint)Group << 16) | Element;

    public bool IsPrivate => (Group & 1) == 1;

    /// <summary>(gggg,0010-00FF) in an odd group: reserves a block of 256 private elements.</summary>
    public bool IsPrivateCreator => IsPrivate && Element is >= 0x0010 and <= 0x00FF;

    public bool IsGroupLength => Element == 0x0000;

    /// <summary>For a private data element (gggg,xxee) with xx >= 0x10: the creator slot (gggg,00xx).</summary>
    public DicomTag PrivateCreatorTag => new(Group, (ushort)(Element >> 8));

    public static DicomTag FromValue(uint value) => new((ushort)(value >> 16), (ushort)value);

    public static DicomTag Parse(string text)
    {
        if (TryParse(text, out var tag)) return tag;
        throw new FormatException($"not a tag: '{text}'");
    }

    /// <summary>Accepts "(gggg,eeee)", "gggg,eeee", "ggggeeee" or a dictionary keyword.</summary>
    public static bool TryParse(string text, out DicomTag tag)
    {
        var s = text.Trim().Trim('(', ')').Replace(",", "", StringComparison.Ordinal);
        if (s.Length == 8 && uint.TryParse(s, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var value))
        {
            tag = FromValue(value);
            return true;
        }
        if (DicomDictionary.Default.TryGetByKeyword(text.Trim(), out var entry))
        {
            tag = entry.Tag;
            return true;
        }
        tag = default;
        return false;
    }

    public DicomDictionaryEntry DictionaryEntry => DicomDictionary.Default[this];

    public bool Equals(DicomTag other) => Group == other.Group && Element == other.Element;
    public override bool Equals(object? obj) => obj is DicomTag other && Equals(other);
    public override int GetHashCode() => (int)Value;
    public int CompareTo(DicomTag other) => Value.CompareTo(other.Value);
    public static bool operator ==(DicomTag a, DicomTag b) => a.Equals(b);
    public static bool operator !=(DicomTag a, DicomTag b) => !a.Equals(b);
    public static bool operator <(DicomTag a, DicomTag b) => a.Value < b.Value;
    public static bool operator >(DicomTag a, DicomTag b) => a.Value > b.Value;

    public override string ToString() => $"({Group:X4},{Element:X4})";
}
