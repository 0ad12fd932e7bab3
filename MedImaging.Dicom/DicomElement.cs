using System.Buffers.Binary;
using System.Globalization;
using MedImaging.Dicom.Text;
using MedImaging.Dicom.Values;

namespace MedImaging.Dicom;

/// <summary>
/// A data element holding its value as encoded (bytes in the byte order it was read in).
/// Large values may be <see cref="DicomBulkData"/> that stays in the file until asked for.
/// </summary>
public sealed class DicomElement : DicomItem
{
    private readonly ReadOnlyMemory<byte> _inline;

    public DicomElement(DicomTag tag, DicomVR vr, ReadOnlyMemory<byte> value, bool isBigEndian = false) : base(tag, vr)
    {
        _inline = value;
        IsBigEndian = isBigEndian;
    }

    public DicomElement(DicomTag tag, DicomVR vr, DicomBulkData bulkData, bool isBigEndian = false) : base(tag, vr)
    {
        BulkData = bulkData;
        IsBigEndian = isBigEndian;
    }

    /// <summary>Byte order of binary values in <see cref="Buffer"/>.</summary>
    public bool IsBigEndian { get; }

    /// <summary>Read as VR UN and re-interpreted with the dictionary's VR; written back as UN in the same syntax.</summary>
    public bool EncodedAsUN { get; init; }

    /// <summary>Set when the value was left in the file or stream (lazy).</summary>
    public DicomBulkData? BulkData { get; }

    public long Length => BulkData?.Length ?? _inline.Length;

    /// <summary>The value bytes; bulk data is loaded on first access.</summary>
    public ReadOnlyMemory<byte> Buffer => BulkData?.GetBytes() ?? _inline;

    /// <summary>Copies the value into a caller's buffer (at least <see cref="Length"/> bytes) without keeping a copy.</summary>
    public void CopyValueTo(Span<byte> destination)
    {
        if (BulkData is { } bulk) bulk.CopyTo(destination);
        else _inline.Span.CopyTo(destination);
    }

    /// <summary>Number of values: backslash-separated for multi-valued strings, value size for binary VRs.</summary>
    public int Count
    {
        get
        {
            if (Length == 0) return 0;
            if (VR.IsString)
                return VR.IsMultiValuedString ? Buffer.Span.Count((byte)'\\') + 1 : 1;
            if (VR == DicomVR.AT) return (int)(Length / 4);
            return VR == DicomVR.OB || VR == DicomVR.UN ? (int)Math.Min(Length, int.MaxValue) : (int)(Length / VR.UnitSize);
        }
    }

    /// <summary>The whole value as text (multiple values joined by backslash), trimmed per VR.</summary>
    public string GetString(DicomCharacterSet? characterSet = null)
    {
        if (!VR.IsString)
        {
            var values = new string[Count];
            for (var i = 0; i < values.Length; i++) values[i] = GetValue<string>(i);
            return string.Join('\\', values);
        }
        var text = (characterSet ?? DicomCharacterSet.Default).Decode(Buffer.Span, VR);
        return TrimValue(text, VR);
    }

    /// <summary>Each value as text, split by VM and trimmed per VR.</summary>
    public string[] GetStrings(DicomCharacterSet? characterSet = null)
    {
        if (Length == 0) return [];
        if (!VR.IsString)
        {
            var values = new string[Count];
            for (var i = 0; i < values.Length; i++) values[i] = GetValue<string>(i);
            return values;
        }
        var text = (characterSet ?? DicomCharacterSet.Default).Decode(Buffer.Span, VR);
        if (!VR.IsMultiValuedString) return [TrimValue(text, VR)];
        var parts = text.Split('\\');
        for (var i = 0; i < parts.Length; i++) parts[i] = TrimValue(parts[i], VR);
        return parts;
    }

    /// <summary>One value converted to <typeparamref name="T"/> (numbers, string, DicomTag for AT, DicomUID for UI).</summary>
    public T GetValue<T>(int index = 0)
    {
        if (index < 0 || index >= Count) throw new DicomDataException($"value index {index} out of range (count {Count})", Tag);
        if (VR.IsString)
        {
            return ParseText<T>(GetStrings()[index], index);
        }
        return GetBinaryValue<T>(index);
    }

    private T ParseText<T>(string text, int index)
    {
        {
            if (typeof(T) == typeof(string)) return (T)(object)text;
            if (typeof(T) == typeof(DicomUID)) return (T)(object)DicomUID.Parse(text);
            if (typeof(T) == typeof(DicomTag)) return (T)(object)DicomTag.Parse(text);
            if (DicomTemporalValue.TryConvert<T>(text, VR, out var temporal)) return temporal;
            if (typeof(T) == typeof(DicomPersonName)) return (T)(object)DicomPersonName.Parse(text);
            if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
                throw new DicomDataException($"value {index} of {VR.Code} is not a number", Tag);
            if (VR == DicomVR.IS && long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var integer))
                return DicomNumber.Convert<T>(integer, Tag);
            return DicomNumber.Convert<T>(number, Tag);
        }
    }

    private T GetBinaryValue<T>(int index)
    {
        var span = Buffer.Span;
        if (VR == DicomVR.AT)
        {
            var group = ReadUInt16(span[(index * 4)..]);
            var element = ReadUInt16(span[(index * 4 + 2)..]);
            var tag = new DicomTag(group, element);
            if (typeof(T) == typeof(DicomTag)) return (T)(object)tag;
            if (typeof(T) == typeof(string)) return (T)(object)tag.ToString();
            return DicomNumber.Convert<T>((long)tag.Value, Tag);
        }
        if (VR == DicomVR.SQ) throw new DicomDataException("a sequence has no single value", Tag);
        var at = span[(index * VR.UnitSize)..];
        if (VR == DicomVR.US || VR == DicomVR.OW) return Binary<T>(ReadUInt16(at));
        if (VR == DicomVR.SS) return Binary<T>((short)ReadUInt16(at));
        if (VR == DicomVR.UL || VR == DicomVR.OL) return Binary<T>(ReadUInt32(at));
        if (VR == DicomVR.SL) return Binary<T>((int)ReadUInt32(at));
        if (VR == DicomVR.SV) return Binary<T>((long)ReadUInt64(at));
        if (VR == DicomVR.UV || VR == DicomVR.OV) return Binary<T>(ReadUInt64(at));
        if (VR == DicomVR.FL || VR == DicomVR.OF) return Binary<T>(BitConverter.Int32BitsToSingle((int)ReadUInt32(at)));
        if (VR == DicomVR.FD || VR == DicomVR.OD) return Binary<T>(BitConverter.Int64BitsToDouble((long)ReadUInt64(at)));
        return Binary<T>(at[0]);
    }

    public T[] GetValues<T>()
    {
        if (typeof(T) == typeof(string)) return (T[])(object)GetStrings();
        var values = new T[Count];
        for (var i = 0; i < values.Length; i++) values[i] = GetValue<T>(i);
        return values;
    }

    private T Binary<T>(ushort v) => typeof(T) == typeof(ushort) ? (T)(object)v : typeof(T) == typeof(string) ? (T)(object)v.ToString(CultureInfo.InvariantCulture) : DicomNumber.Convert<T>((long)v, Tag);
    private T Binary<T>(short v) => typeof(T) == typeof(short) ? (T)(object)v : typeof(T) == typeof(string) ? (T)(object)v.ToString(CultureInfo.InvariantCulture) : DicomNumber.Convert<T>((long)v, Tag);
    private T Binary<T>(uint v) => typeof(T) == typeof(uint) ? (T)(object)v : typeof(T) == typeof(string) ? (T)(object)v.ToString(CultureInfo.InvariantCulture) : DicomNumber.Convert<T>((long)v, Tag);
    private T Binary<T>(int v) => typeof(T) == typeof(int) ? (T)(object)v : typeof(T) == typeof(string) ? (T)(object)v.ToString(CultureInfo.InvariantCulture) : DicomNumber.Convert<T>((long)v, Tag);
    private T Binary<T>(long v) => typeof(T) == typeof(long) ? (T)(object)v : typeof(T) == typeof(string) ? (T)(object)v.ToString(CultureInfo.InvariantCulture) : DicomNumber.Convert<T>(v, Tag);
    private T Binary<T>(ulong v) => typeof(T) == typeof(ulong) ? (T)(object)v : typeof(T) == typeof(string) ? (T)(object)v.ToString(CultureInfo.InvariantCulture) : DicomNumber.Convert<T>(v, Tag);
    private T Binary<T>(float v) => typeof(T) == typeof(float) ? (T)(object)v : typeof(T) == typeof(string) ? (T)(object)v.ToString("R", CultureInfo.InvariantCulture) : DicomNumber.Convert<T>((double)v, Tag);
    private T Binary<T>(double v) => typeof(T) == typeof(double) ? (T)(object)v : typeof(T) == typeof(string) ? (T)(object)v.ToString("R", CultureInfo.InvariantCulture) : DicomNumber.Convert<T>(v, Tag);
    private T Binary<T>(byte v) => typeof(T) == typeof(byte) ? (T)(object)v : typeof(T) == typeof(string) ? (T)(object)v.ToString(CultureInfo.InvariantCulture) : DicomNumber.Convert<T>((long)v, Tag);

    private ushort ReadUInt16(ReadOnlySpan<byte> s) => IsBigEndian ? BinaryPrimitives.ReadUInt16BigEndian(s) : BinaryPrimitives.ReadUInt16LittleEndian(s);
    private uint ReadUInt32(ReadOnlySpan<byte> s) => IsBigEndian ? BinaryPrimitives.ReadUInt32BigEndian(s) : BinaryPrimitives.ReadUInt32LittleEndian(s);
    private ulong ReadUInt64(ReadOnlySpan<byte> s) => IsBigEndian ? BinaryPrimitives.ReadUInt64BigEndian(s) : BinaryPrimitives.ReadUInt64LittleEndian(s);

    /// <summary>PS3.5 6.2: which padding and surrounding spaces are insignificant for each text VR.</summary>
    internal static string TrimValue(string value, DicomVR vr)
    {
        if (vr == DicomVR.UI) return value.TrimEnd('\0', ' ');
        if (vr == DicomVR.LT || vr == DicomVR.ST || vr == DicomVR.UT || vr == DicomVR.PN || vr == DicomVR.UC || vr == DicomVR.UR)
            return value.TrimEnd(' ', '\0');
        return value.Trim(' ', '\0');
    }

    public override string ToString() => $"{Tag} {VR.Code}, {Length} bytes";
}
