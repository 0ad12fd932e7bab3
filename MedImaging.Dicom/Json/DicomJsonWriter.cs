using System.Buffers;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace MedImaging.Dicom.Json;

/// <summary>Writes a dataset as the DICOM JSON model of PS3.18 F.2: IS/DS/binary numbers as JSON numbers, PN as component groups.</summary>
public static class DicomJsonWriter
{
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true };

    public static string Write(DicomDataset dataset, DicomJsonOptions? options = null)
    {
        var buffer = new ArrayBufferWriter<byte>(4096);
        Write(buffer, dataset, options);
        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    public static void Write(IBufferWriter<byte> output, DicomDataset dataset, DicomJsonOptions? options = null)
    {
        options ??= DicomJsonOptions.Default;
        using var writer = new Utf8JsonWriter(output, WriterOptions with { Indented = options.Indented });
        WriteDataset(writer, dataset, options, topLevel: true);
    }

    private static void WriteDataset(Utf8JsonWriter writer, DicomDataset dataset, DicomJsonOptions options, bool topLevel)
    {
        writer.WriteStartObject();
        Span<char> key = stackalloc char[8];
        foreach (var item in dataset)
        {
            if (item.Tag.Group == 0x0002 || item.Tag.IsGroupLength) continue;
            if (topLevel && options.ExcludePixelData && item.Tag.Group == 0x7FE0 && item.Tag.Element is 0x0008 or 0x0009 or 0x0010) continue;
            item.Tag.Value.TryFormat(key, out _, "X8", CultureInfo.InvariantCulture);
            writer.WritePropertyName(key);
            writer.WriteStartObject();
            switch (item)
            {
                case DicomSequence sequence:
                    writer.WriteString("vr", "SQ");
                    if (sequence.Items.Count > 0)
                    {
                        writer.WriteStartArray("Value");
                        foreach (var child in sequence.Items) WriteDataset(writer, child, options, topLevel: false);
                        writer.WriteEndArray();
                    }
                    break;
                case DicomFragmentSequence fragments:
                    writer.WriteString("vr", fragments.VR.Code);
                    break;
                case DicomElement element:
                    WriteElement(writer, element, dataset, options);
                    break;
            }
            writer.WriteEndObject();
        }
        writer.WriteEndObject();
    }

    private static void WriteElement(Utf8JsonWriter writer, DicomElement element, DicomDataset dataset, DicomJsonOptions options)
    {
        var vr = element.VR;
        writer.WriteString("vr", vr.Code);
        if (element.Length == 0) return;
        if (vr == DicomVR.OB || vr == DicomVR.OW || vr == DicomVR.OD || vr == DicomVR.OF || vr == DicomVR.OL || vr == DicomVR.OV || vr == DicomVR.UN)
        {
            if (options.BulkDataUri?.Invoke(element.Tag, element) is { } uri) writer.WriteString("BulkDataURI", uri);
            else writer.WriteBase64String("InlineBinary", element.Buffer.Span);
            return;
        }
        string[]? texts = null;
        if (vr.IsString)
        {
            texts = element.GetStrings(dataset.CharacterSet);
            if (vr == DicomVR.PN) ClearNamesWithoutComponents(texts);
            if (Array.TrueForAll(texts, t => t.Length == 0) && texts.Length <= 1) return;
        }
        writer.WriteStartArray("Value");
        if (vr == DicomVR.PN) WritePersonNames(writer, texts!);
        else if (vr == DicomVR.IS || vr == DicomVR.DS) WriteNumberStrings(writer, texts!, vr == DicomVR.IS);
        else if (vr == DicomVR.AT)
            for (var i = 0; i < element.Count; i++) writer.WriteStringValue(element.GetValue<DicomTag>(i).Value.ToString("X8", CultureInfo.InvariantCulture));
        else if (vr.IsString)
            foreach (var value in texts!)
            {
                if (value.Length == 0) writer.WriteNullValue();
                else writer.WriteStringValue(value);
            }
        else WriteBinaryNumbers(writer, element);
        writer.WriteEndArray();
    }

    /// <summary>"^^^" or "=" name no one: PS3.18 F.2.5 writes an empty value as null, or no Value when it is the only one.</summary>
    private static void ClearNamesWithoutComponents(string[] names)
    {
        for (var i = 0; i < names.Length; i++)
            if (names[i].AsSpan().IndexOfAnyExcept("^= ") < 0) names[i] = "";
    }

    private static void WritePersonNames(Utf8JsonWriter writer, string[] names)
    {
        foreach (var name in names)
        {
            if (name.Length == 0)
            {
                writer.WriteNullValue();
                continue;
            }
            writer.WriteStartObject();
            var groups = name.Split('=');
            string[] keys = ["Alphabetic", "Ideographic", "Phonetic"];
            for (var i = 0; i < groups.Length && i < keys.Length; i++)
            {
                // Trailing empty components carry nothing (PS3.5 6.2.1).
                var group = groups[i].TrimEnd('^', ' ');
                if (group.Length > 0) writer.WriteString(keys[i], group);
            }
            writer.WriteEndObject();
        }
    }

    /// <summary>IS and DS become JSON numbers; a value that is not a valid number of its VR stays a string.</summary>
    private static void WriteNumberStrings(Utf8JsonWriter writer, string[] values, bool isInteger)
    {
        foreach (var value in values)
        {
            if (value.Length == 0) writer.WriteNullValue();
            else if (isInteger)
            {
                // IS is limited to -2^31..2^31-1 (PS3.5 6.2).
                if (int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var integer)) writer.WriteNumberValue(integer);
                else writer.WriteStringValue(value);
            }
            else if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number))
                writer.WriteNumberValue(number);
            else writer.WriteStringValue(value);
        }
    }

    private static void WriteBinaryNumbers(Utf8JsonWriter writer, DicomElement element)
    {
        var vr = element.VR;
        var count = element.Count;
        for (var i = 0; i < count; i++)
        {
            if (vr == DicomVR.FL)
            {
                var f = element.GetValue<float>(i);
                if (float.IsFinite(f)) writer.WriteNumberValue(f);
                else writer.WriteStringValue(f.ToString(CultureInfo.InvariantCulture));
            }
            else if (vr == DicomVR.FD)
            {
                var d = element.GetValue<double>(i);
                if (double.IsFinite(d)) writer.WriteNumberValue(d);
                else writer.WriteStringValue(d.ToString(CultureInfo.InvariantCulture));
            }
            else if (vr == DicomVR.UV) writer.WriteNumberValue(element.GetValue<ulong>(i));
            else writer.WriteNumberValue(element.GetValue<long>(i));
        }
    }
}
