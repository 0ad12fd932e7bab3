using System.Globalization;
using System.Text.Json;

namespace MedImaging.Dicom.Tests.Oracles;

/// <summary>
/// Compares two PS3.18 F.2 DICOM JSON objects (dcm2json's and ours) attribute by attribute: tag set, VR, and values
/// by what they mean. Each rule below that makes two spellings equal is a documented equivalence or a documented
/// dcmtk 3.6.7 quirk; anything else is reported as a difference with its path.
/// </summary>
public static class DicomJsonModelComparer
{
    /// <summary>Tags compared elsewhere or left out on both sides (pixel data; the character set, see below).</summary>
    public sealed record Exclusions(Func<string, bool> TopLevel, Func<string, bool> AnyLevel);

    public static List<string> Compare(JsonElement dcmtk, JsonElement ours, Exclusions exclusions)
    {
        var differences = new List<string>();
        CompareDataset(dcmtk, ours, "", exclusions, differences);
        return differences;
    }

    private static void CompareDataset(JsonElement dcmtk, JsonElement ours, string path, Exclusions exclusions, List<string> differences)
    {
        var theirs = Attributes(dcmtk, path.Length == 0, exclusions);
        var mine = Attributes(ours, path.Length == 0, exclusions);
        foreach (var tag in theirs.Keys.Union(mine.Keys).Order(StringComparer.Ordinal))
        {
            var at = $"{path}/{tag}";
            if (!mine.TryGetValue(tag, out var a)) differences.Add($"{at}: only in dcm2json: {Short(theirs[tag])}");
            else if (!theirs.TryGetValue(tag, out var b)) differences.Add($"{at}: only in ours: {Short(a)}");
            else CompareAttribute(b, a, at, exclusions, differences);
        }
    }

    private static Dictionary<string, JsonElement> Attributes(JsonElement dataset, bool topLevel, Exclusions exclusions)
    {
        var result = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var property in dataset.EnumerateObject())
        {
            var tag = property.Name.ToUpperInvariant();
            if ((topLevel && exclusions.TopLevel(tag)) || exclusions.AnyLevel(tag)) continue;
            result[tag] = property.Value;
        }
        return result;
    }

    private static void CompareAttribute(JsonElement dcmtk, JsonElement ours, string path, Exclusions exclusions, List<string> differences)
    {
        var vr = ours.GetProperty("vr").GetString()!;
        var theirVR = dcmtk.GetProperty("vr").GetString();
        if (vr != theirVR)
        {
            differences.Add($"{path}: VR {vr} (ours) vs {theirVR} (dcm2json)");
            return;
        }
        if (vr == "SQ")
        {
            var theirItems = Values(dcmtk);
            var myItems = Values(ours);
            if (theirItems.Count != myItems.Count)
            {
                differences.Add($"{path}: {myItems.Count} items (ours) vs {theirItems.Count} (dcm2json)");
                return;
            }
            for (var i = 0; i < myItems.Count; i++) CompareDataset(theirItems[i], myItems[i], $"{path}[{i}]", exclusions, differences);
            return;
        }
        var theirBinary = Binary(dcmtk);
        var myBinary = Binary(ours);
        if (theirBinary is not null || myBinary is not null)
        {
            if (theirBinary is null || myBinary is null || !theirBinary.AsSpan().SequenceEqual(myBinary))
                differences.Add($"{path}: {vr} binary value differs ({myBinary?.Length} bytes ours, {theirBinary?.Length} dcm2json)");
            return;
        }
        var theirValues = Normalise(vr, Values(dcmtk));
        var myValues = Normalise(vr, Values(ours));
        if (theirValues.Count != myValues.Count)
        {
            differences.Add($"{path}: {vr} has {myValues.Count} values (ours: {Short(ours)}) vs {theirValues.Count} (dcm2json: {Short(dcmtk)})");
            return;
        }
        for (var i = 0; i < myValues.Count; i++)
            if (!SameValue(vr, theirValues[i], myValues[i]))
                differences.Add($"{path}: {vr} value {i} is {Show(myValues[i])} (ours) vs {Show(theirValues[i])} (dcm2json)");
    }

    private static List<JsonElement> Values(JsonElement attribute) =>
        attribute.TryGetProperty("Value", out var value) ? value.EnumerateArray().ToList() : [];

    private static byte[]? Binary(JsonElement attribute) =>
        attribute.TryGetProperty("InlineBinary", out var inline) ? System.Convert.FromBase64String(inline.GetString()!) : null;

    /// <summary>
    /// Empty values: dcm2json writes a padding-only single value ("  ") as no "Value" at all and an empty date as
    /// "", we write [null]; PS3.18 F.2.5 treats an absent "Value", a null and an empty string alike (no value), so a
    /// list holding only one empty value counts as no values, and "" as null. Strings are trimmed per VR (PS3.5 6.2):
    /// dcm2json keeps some padding we remove. A PN object is a value even with no groups: `[{}]` for "^^^" is a
    /// difference (F.2.5 gives an empty attribute no "Value").
    /// </summary>
    private static List<JsonElement?> Normalise(string vr, List<JsonElement> values)
    {
        var result = values.Select(v => IsEmpty(vr, v) ? (JsonElement?)null : v).ToList();
        if (result.Count == 1 && result[0] is null) result.Clear();
        return result;
    }

    private static bool IsEmpty(string vr, JsonElement value) =>
        value.ValueKind == JsonValueKind.Null ||
        (value.ValueKind == JsonValueKind.String && Trim(vr, value.GetString()!).Length == 0);

    private static bool SameValue(string vr, JsonElement? dcmtk, JsonElement? ours)
    {
        if (dcmtk is null || ours is null) return dcmtk is null && ours is null;
        var (a, b) = (dcmtk.Value, ours.Value);
        switch (vr)
        {
            case "PN":
                return PersonName(a).OrderBy(g => g.Key).SequenceEqual(PersonName(b).OrderBy(g => g.Key));
            case "IS" or "DS" or "US" or "SS" or "UL" or "SL" or "SV" or "UV":
                return Number(a) is { } x && Number(b) is { } y ? x == y : Text(vr, a) == Text(vr, b);
            case "FL":
                // dcm2json prints FL with 9 significant digits, we print the shortest text that round-trips;
                // both must denote the same binary32 value.
                return Number(a) is { } f && Number(b) is { } g ? (float)f == (float)g : Text(vr, a) == Text(vr, b);
            case "FD":
                // dcmtk 3.6.7 prints FD through its own OFStandard::ftoa with 17 digits, which can be off by one unit
                // in the last place (0.025476696592378157 on disk prints as ...154, in dcmdump too). Allow 2 ulp.
                return Number(a) is { } d && Number(b) is { } e ? WithinUlps(d, e, 2) : Text(vr, a) == Text(vr, b);
            case "AT":
                return string.Equals(a.GetString(), b.GetString(), StringComparison.OrdinalIgnoreCase);
            default:
                return Text(vr, a) == Text(vr, b);
        }
    }

    /// <summary>Alphabetic / Ideographic / Phonetic groups; trailing empty components ("OB^^^^" = "OB") may be
    /// omitted (PS3.5 6.2.1.1), and dcm2json omits them.</summary>
    private static Dictionary<string, string> PersonName(JsonElement value)
    {
        var groups = new Dictionary<string, string>(StringComparer.Ordinal);
        if (value.ValueKind != JsonValueKind.Object) return groups;
        foreach (var group in value.EnumerateObject())
        {
            var text = (group.Value.GetString() ?? "").TrimEnd(' ').TrimEnd('^');
            if (text.Length > 0) groups[group.Name] = text;
        }
        return groups;
    }

    private static double? Number(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Number => value.GetDouble(),
        JsonValueKind.String when double.TryParse(value.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => d,
        _ => null,
    };

    private static bool WithinUlps(double a, double b, long ulps)
    {
        if (a == b) return true;
        if (Math.Sign(a) != Math.Sign(b) || !double.IsFinite(a) || !double.IsFinite(b)) return false;
        return Math.Abs(BitConverter.DoubleToInt64Bits(a) - BitConverter.DoubleToInt64Bits(b)) <= ulps;
    }

    private static string Text(string vr, JsonElement value) =>
        value.ValueKind == JsonValueKind.String ? Trim(vr, value.GetString()!) : value.GetRawText();

    /// <summary>PS3.5 6.2: UI pads with NUL; free-text VRs keep leading spaces; the others lose both ends.</summary>
    private static string Trim(string vr, string value) => vr switch
    {
        "UI" => value.TrimEnd('\0', ' '),
        "LT" or "ST" or "UT" or "UC" or "UR" or "PN" => value.TrimEnd(' ', '\0'),
        _ => value.Trim(' ', '\0'),
    };

    private static string Show(JsonElement? value) => value is null ? "(empty)" : Truncate(value.Value.GetRawText());

    private static string Short(JsonElement attribute) => Truncate(attribute.GetRawText());

    private static string Truncate(string text) => text.Length <= 160 ? text : text[..160] + "...";
}
