using System.Buffers.Binary;
using System.Globalization;
using MedImaging.Dicom.Text;

namespace MedImaging.Dicom;

/// <summary>Builds elements from .NET values, encoded little endian and padded to even length per VR.</summary>
public static class DicomElementFactory
{
    public static DicomElement FromStrings(DicomTag tag, DicomVR vr, IReadOnlyList<string> values, DicomCharacterSet? characterSet = null)
    {
        if (!vr.IsString)
        {
            if (vr == DicomVR.AT)
            {
                var tags = new DicomTag[values.Count];
                for (var i = 0; i < tags.Length; i++) tags[i] = DicomTag.Parse(values[i]);
                return FromTags(tag, tags);
            }
            var numbers = new double[values.Count];
            for (var i = 0; i < numbers.Length; i++) numbers[i] = double.Parse(values[i], NumberStyles.Float, CultureInfo.InvariantCulture);
            return FromValues(tag, vr, numbers);
        }
        var text = vr.IsMultiValuedString ? string.Join('\\', values) : values.Count > 0 ? values[0] : "";
        var bytes = (characterSet ?? DicomCharacterSet.Default).Encode(text, vr);
        return new DicomElement(tag, vr, Pad(bytes, vr.PaddingValue));
    }

    public static DicomElement FromTags(DicomTag tag, IReadOnlyList<DicomTag> tags)
    {
        var bytes = new byte[tags.Count * 4];
        for (var i = 0; i < tags.Count; i++)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(i * 4), tags[i].Group);
            BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(i * 4 + 2), tags[i].Element);
        }
        return new DicomElement(tag, DicomVR.AT, bytes);
    }

    public static DicomElement FromValues<T>(DicomTag tag, DicomVR vr, IReadOnlyList<T> values, DicomCharacterSet? characterSet = null) where T : struct
    {
        if (vr.IsString)
        {
            var texts = new string[values.Count];
            for (var i = 0; i < texts.Length; i++)
                texts[i] = values[i] is IFormattable f ? FormatNumber(f, vr) : values[i].ToString() ?? "";
            return FromStrings(tag, vr, texts, characterSet);
        }
        if (vr == DicomVR.AT && typeof(T) == typeof(DicomTag)) return FromTags(tag, (IReadOnlyList<DicomTag>)values);
        var unit = vr.UnitSize;
        var bytes = new byte[values.Count * unit];
        for (var i = 0; i < values.Count; i++)
        {
            var span = bytes.AsSpan(i * unit);
            var d = System.Convert.ToDouble(values[i], CultureInfo.InvariantCulture);
            if (vr == DicomVR.US || vr == DicomVR.OW) BinaryPrimitives.WriteUInt16LittleEndian(span, checked((ushort)d));
            else if (vr == DicomVR.SS) BinaryPrimitives.WriteInt16LittleEndian(span, checked((short)d));
            else if (vr == DicomVR.UL || vr == DicomVR.OL) BinaryPrimitives.WriteUInt32LittleEndian(span, checked((uint)d));
            else if (vr == DicomVR.SL) BinaryPrimitives.WriteInt32LittleEndian(span, checked((int)d));
            else if (vr == DicomVR.SV) BinaryPrimitives.WriteInt64LittleEndian(span, System.Convert.ToInt64(values[i], CultureInfo.InvariantCulture));
            else if (vr == DicomVR.UV || vr == DicomVR.OV) BinaryPrimitives.WriteUInt64LittleEndian(span, System.Convert.ToUInt64(values[i], CultureInfo.InvariantCulture));
            else if (vr == DicomVR.FL || vr == DicomVR.OF) BinaryPrimitives.WriteSingleLittleEndian(span, (float)d);
            else if (vr == DicomVR.FD || vr == DicomVR.OD) BinaryPrimitives.WriteDoubleLittleEndian(span, d);
            else span[0] = checked((byte)d);
        }
        return new DicomElement(tag, vr, Pad(bytes, 0));
    }

    private static string FormatNumber(IFormattable value, DicomVR vr)
    {
        if (vr == DicomVR.DS && value is double or float)
        {
            // DS holds at most 16 characters.
            var d = System.Convert.ToDouble(value, CultureInfo.InvariantCulture);
            var text = d.ToString("R", CultureInfo.InvariantCulture);
            for (var digits = 15; text.Length > 16 && digits > 0; digits--) text = d.ToString("G" + digits, CultureInfo.InvariantCulture);
            return text;
        }
        return value.ToString(null, CultureInfo.InvariantCulture);
    }

    private static byte[] Pad(byte[] bytes, byte padding)
    {
        if ((bytes.Length & 1) == 0) return bytes;
        var padded = new byte[bytes.Length + 1];
        bytes.CopyTo(padded, 0);
        padded[^1] = padding;
        return padded;
    }
}
