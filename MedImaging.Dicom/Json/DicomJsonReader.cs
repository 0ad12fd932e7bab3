using System.Globalization;
using System.Text.Json;

namespace MedImaging.Dicom.Json;

/// <summary>Reads the DICOM JSON model (PS3.18 F.2) back into a dataset. Malformed input raises <see cref="DicomDataException"/>.</summary>
/// <remarks>
/// A value given as "BulkDataURI" is fetched through <paramref name="resolveBulkData"/> (tag, URI) -> bytes; without a
/// resolver such a value is refused rather than silently read as empty.
/// </remarks>
public static class DicomJsonReader
{
    public static DicomDataset Read(string json, Func<DicomTag, string, ReadOnlyMemory<byte>>? resolveBulkData = null)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return ReadDataset(document.RootElement, resolveBulkData);
        }
        catch (JsonException e)
        {
            throw new DicomDataException($"not valid JSON: {e.Message}");
        }
    }

    public static DicomDataset ReadDataset(JsonElement root, Func<DicomTag, string, ReadOnlyMemory<byte>>? resolveBulkData = null)
    {
        if (root.ValueKind != JsonValueKind.Object) throw new DicomDataException("a DICOM JSON dataset must be an object");
        var dataset = new DicomDataset();
        var pending = new List<DicomItem>();
        foreach (var property in root.EnumerateObject())
        {
            if (property.Name.Length != 8 || !uint.TryParse(property.Name, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var tagValue))
                throw new DicomDataException($"'{property.Name}' is not a tag");
            var tag = DicomTag.FromValue(tagValue);
            if (!property.Value.TryGetProperty("vr", out var vrText) || !DicomVR.TryParse(vrText.GetString() ?? "", out var vr))
                throw new DicomDataException("missing or unknown vr", tag);
            pending.Add(ReadItem(tag, vr, property.Value, dataset, resolveBulkData));
            // Specific Character Set first, so text of later elements is encoded with it.
            if (tag == DicomTag.SpecificCharacterSet) dataset.AddOrUpdate(pending[^1]);
        }
        foreach (var item in pending) dataset.AddOrUpdate(item);
        return dataset;
    }

    private static DicomItem ReadItem(DicomTag tag, DicomVR vr, JsonElement json, DicomDataset dataset,
        Func<DicomTag, string, ReadOnlyMemory<byte>>? resolveBulkData)
    {
        if (vr == DicomVR.SQ)
        {
            var sequence = new DicomSequence(tag);
            if (json.TryGetProperty("Value", out var items))
                foreach (var item in items.EnumerateArray()) sequence.Items.Add(ReadDataset(item, resolveBulkData));
            return sequence;
        }
        if (json.TryGetProperty("InlineBinary", out var inline))
            return new DicomElement(tag, vr, inline.GetBytesFromBase64());
        if (json.TryGetProperty("BulkDataURI", out var uri))
        {
            if (uri.ValueKind != JsonValueKind.String || uri.GetString() is not { Length: > 0 } location)
                throw new DicomDataException("BulkDataURI is not a non-empty string", tag);
            if (resolveBulkData is null)
                throw new DicomDataException("the value is a BulkDataURI and no bulk data resolver was given", tag);
            return new DicomElement(tag, vr, resolveBulkData(tag, location));
        }
        if (!json.TryGetProperty("Value", out var values) || values.ValueKind != JsonValueKind.Array)
            return new DicomElement(tag, vr, ReadOnlyMemory<byte>.Empty);
        if (vr == DicomVR.AT)
        {
            var tags = new List<DicomTag>();
            foreach (var value in values.EnumerateArray()) tags.Add(DicomTag.Parse(value.GetString() ?? ""));
            return DicomElementFactory.FromTags(tag, tags);
        }
        if (vr.IsString)
        {
            var texts = new List<string>();
            foreach (var value in values.EnumerateArray()) texts.Add(Text(value, vr));
            return DicomElementFactory.FromStrings(tag, vr, texts, dataset.CharacterSet);
        }
        var numbers = new List<double>();
        var large = new List<ulong>();
        foreach (var value in values.EnumerateArray())
        {
            if (value.ValueKind != JsonValueKind.Number) throw new DicomDataException("binary VR value is not a number", tag);
            numbers.Add(value.GetDouble());
            if (vr == DicomVR.UV || vr == DicomVR.SV) large.Add(vr == DicomVR.UV ? value.GetUInt64() : (ulong)value.GetInt64());
        }
        if (vr == DicomVR.UV) return DicomElementFactory.FromValues(tag, vr, large);
        if (vr == DicomVR.SV) return DicomElementFactory.FromValues(tag, vr, large.ConvertAll(v => (long)v));
        return DicomElementFactory.FromValues(tag, vr, numbers);
    }

    private static string Text(JsonElement value, DicomVR vr)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Null:
                return "";
            case JsonValueKind.Number:
                return value.GetRawText();
            case JsonValueKind.Object when vr == DicomVR.PN:
                var groups = new[] { "", "", "" };
                string[] keys = ["Alphabetic", "Ideographic", "Phonetic"];
                for (var i = 0; i < keys.Length; i++)
                    if (value.TryGetProperty(keys[i], out var group)) groups[i] = group.GetString() ?? "";
                return string.Join('=', groups).TrimEnd('=');
            default:
                return value.GetString() ?? "";
        }
    }
}
