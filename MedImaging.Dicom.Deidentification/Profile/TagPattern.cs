namespace MedImaging.Dicom.Deidentification.Profile;

/// <summary>
/// A tag of Table E.1-1: an exact tag ("00100010"), a repeating-group mask where each lower-case x
/// matches any hex digit ("50xxxxxx", "60xx3000"), or the private-attribute row ("ggggeeee": any odd group).
/// </summary>
public sealed record TagPattern(uint Value, uint Mask, bool IsPrivateAttributes, string Text)
{
    public const string PrivateAttributesText = "ggggeeee";

    public bool IsExact => !IsPrivateAttributes && Mask == uint.MaxValue;

    public bool Matches(uint tag) => IsPrivateAttributes
        ? ((tag >> 16) & 1) == 1
        : (tag & Mask) == Value;

    public static TagPattern Parse(string text)
    {
        if (text == PrivateAttributesText)
            return new TagPattern(0, 0, IsPrivateAttributes: true, text);
        if (text.Length != 8)
            throw new FormatException($"Tag pattern '{text}' is not 8 characters.");
        uint value = 0, mask = 0;
        foreach (var c in text)
        {
            value <<= 4;
            mask <<= 4;
            if (c == 'x')
                continue;
            value |= (uint)Convert.ToInt32(c.ToString(), 16);
            mask |= 0xF;
        }
        return new TagPattern(value, mask, IsPrivateAttributes: false, text);
    }

    public override string ToString() => Text;
}
