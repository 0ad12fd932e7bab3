using System.Text.Json;

namespace MedImaging.Dicom.Tests.Support;

/// <summary>
/// Compares two DICOM JSON documents on tags, VRs and values (numbers as numbers, binary as bytes).
/// Returns the differences as readable paths, without values (they may be PHI).
/// </summary>
public static class DicomJsonComparer
{
    public static List<string> Compare(JsonElement expected, JsonElement actual, Func<string, bool> skipTopLevelTag)
    {
        var differences = new List<string>();
        CompareDataset(expected, actual, "", differences, skipTopLevelTag);
        return differences;
    }

    private static void CompareDataset(JsonElement expected, JsonElement actual, string path, List<string> differences, Func<string, bool>? skip)
    {
        var expectedTags = expected.EnumerateObject().Where(p => skip is null || !skip(p.Name)).ToDictionary(p => p.Name, p => p.Value);
        var actualTags = actual.EnumerateObject().Where(p => skip is null || !skip(p.Name)).ToDictionary(p => p.Name, p => p.Value);
        foreach (var tag in expectedTags.Keys.Except(actualTags.Keys)) differences.Add($"{path}{tag}: missing");
        foreach (var tag in actualTags.Keys.Except(expectedTags.Keys)) differences.Add($"{path}{tag}: unexpected");
        foreach (var (tag, e) in expectedTags)
        {
            if (!actualTags.TryGetValue(tag, out var a)) continue;
            var here = path + tag;
            var vr = e.GetProperty("vr").GetString();
            if (vr != a.GetProperty("vr").GetString())
            {
                differences.Add($"{here}: vr {vr} != {a.GetProperty("vr").GetString()}");
                continue;
            }
            CompareValues(e, a, vr!, here, differences, skip);
        }
    }

    private static void CompareValues(JsonElement e, JsonElement a, string vr, string path, List<string> differences, Func<string, bool>? skip)
    {
        if (e.TryGetProperty("InlineBinary", out var eb))
        {
            if (!a.TryGetProperty("InlineBinary", out var ab) || !eb.GetBytesFromBase64().AsSpan().SequenceEqual(ab.GetBytesFromBase64()))
                differences.Add($"{path}: binary differs");
            return;
        }
        var hasE = e.TryGetProperty("Value", out var ev) && !OnlyPadding(ev);
        var hasA = a.TryGetProperty("Value", out var av) && !OnlyPadding(av);
        if (hasE != hasA)
        {
            differences.Add($"{path}: value present {hasE} != {hasA}");
            return;
        }
        if (!hasE) return;
        var es = ev.EnumerateArray().ToList();
        var @as = av.EnumerateArray().ToList();
        if (es.Count != @as.Count)
        {
            differences.Add($"{path}: {es.Count} values != {@as.Count}");
            return;
        }
        for (var i = 0; i < es.Count; i++)
        {
            var (x, y) = (es[i], @as[i]);
            if (vr == "SQ")
            {
                CompareDataset(x, y, $"{path}[{i}].", differences, skip);
                continue;
            }
            if (!SameValue(x, y)) differences.Add($"{path}[{i}]: value differs ({x.ValueKind} vs {y.ValueKind})");
        }
    }

    private static bool OnlyPadding(JsonElement values) =>
        values.GetArrayLength() == 1 && values[0].ValueKind == JsonValueKind.String && values[0].GetString()!.Trim('\0', ' ').Length == 0;

    /// <summary>
    /// Numbers compare as numbers. dcmtk keeps invalid NUL padding in text ("-1024\0", an all-NUL date) where we trim it:
    /// such a string equals the number or null it trims to.
    /// </summary>
    private static bool SameValue(JsonElement x, JsonElement y)
    {
        if (x.ValueKind == JsonValueKind.String && y.ValueKind != JsonValueKind.String)
        {
            var trimmed = x.GetString()!.Trim('\0', ' ');
            if (y.ValueKind == JsonValueKind.Null) return trimmed.Length == 0;
            if (y.ValueKind == JsonValueKind.Number)
                return double.TryParse(trimmed, System.Globalization.CultureInfo.InvariantCulture, out var d) && d == y.GetDouble();
        }
        if (x.ValueKind == JsonValueKind.Number && y.ValueKind == JsonValueKind.Number)
        {
            var (dx, dy) = (x.GetDouble(), y.GetDouble());
            return dx == dy || Math.Abs(dx - dy) <= 1e-6 * Math.Max(Math.Abs(dx), Math.Abs(dy));
        }
        if (x.ValueKind != y.ValueKind) return false;
        return x.ValueKind switch
        {
            JsonValueKind.String => x.GetString() == y.GetString(),
            JsonValueKind.Object => x.EnumerateObject().Select(p => (p.Name, p.Value.GetString())).OrderBy(p => p.Name)
                .SequenceEqual(y.EnumerateObject().Select(p => (p.Name, p.Value.GetString())).OrderBy(p => p.Name)),
            _ => true,
        };
    }
}
