namespace MedImaging.Dicom;

/// <summary>A value representation of PS3.5 6.2, with the encoding facts the reader and writer need.</summary>
public sealed class DicomVR
{
    private DicomVR(string code, bool isString, bool longLength, byte padding, int maxLength, int unitSize, bool multiValued = true)
    {
        Code = code;
        Code16 = (ushort)((code[0] << 8) | code[1]);
        IsString = isString;
        HasLongLength = longLength;
        PaddingValue = padding;
        MaximumLength = maxLength;
        UnitSize = unitSize;
        IsMultiValuedString = isString && multiValued;
    }

    /// <summary>Two-character code, e.g. "PN".</summary>
    public string Code { get; }

    /// <summary>The code as the two bytes read big-endian (first character high).</summary>
    public ushort Code16 { get; }

    public bool IsString { get; }

    /// <summary>Explicit VR encoding uses 2 reserved bytes and a 32-bit length.</summary>
    public bool HasLongLength { get; }

    /// <summary>Byte appended to reach even length: space for text, NUL for UI and binary.</summary>
    public byte PaddingValue { get; }

    /// <summary>Maximum value length in bytes (or characters for text), per value; 0 = unbounded.</summary>
    public int MaximumLength { get; }

    /// <summary>Size of one binary value, used for byte swapping; 1 for strings and bytes.</summary>
    public int UnitSize { get; }

    /// <summary>Strings whose values are separated by backslash (all text VRs except LT, ST, UT, UR).</summary>
    public bool IsMultiValuedString { get; }

    public bool IsBinaryNumber => !IsString && UnitSize > 1 && this != SQ;

    public static readonly DicomVR AE = new("AE", true, false, 0x20, 16, 1);
    public static readonly DicomVR AS = new("AS", true, false, 0x20, 4, 1);
    public static readonly DicomVR AT = new("AT", false, false, 0x00, 4, 2);
    public static readonly DicomVR CS = new("CS", true, false, 0x20, 16, 1);
    public static readonly DicomVR DA = new("DA", true, false, 0x20, 8, 1);
    public static readonly DicomVR DS = new("DS", true, false, 0x20, 16, 1);
    public static readonly DicomVR DT = new("DT", true, false, 0x20, 26, 1);
    public static readonly DicomVR FD = new("FD", false, false, 0x00, 8, 8);
    public static readonly DicomVR FL = new("FL", false, false, 0x00, 4, 4);
    public static readonly DicomVR IS = new("IS", true, false, 0x20, 12, 1);
    public static readonly DicomVR LO = new("LO", true, false, 0x20, 64, 1);
    public static readonly DicomVR LT = new("LT", true, false, 0x20, 10240, 1, multiValued: false);
    public static readonly DicomVR OB = new("OB", false, true, 0x00, 0, 1);
    public static readonly DicomVR OD = new("OD", false, true, 0x00, 0, 8);
    public static readonly DicomVR OF = new("OF", false, true, 0x00, 0, 4);
    public static readonly DicomVR OL = new("OL", false, true, 0x00, 0, 4);
    public static readonly DicomVR OV = new("OV", false, true, 0x00, 0, 8);
    public static readonly DicomVR OW = new("OW", false, true, 0x00, 0, 2);
    public static readonly DicomVR PN = new("PN", true, false, 0x20, 64, 1);
    public static readonly DicomVR SH = new("SH", true, false, 0x20, 16, 1);
    public static readonly DicomVR SL = new("SL", false, false, 0x00, 4, 4);
    public static readonly DicomVR SQ = new("SQ", false, true, 0x00, 0, 1);
    public static readonly DicomVR SS = new("SS", false, false, 0x00, 2, 2);
    public static readonly DicomVR ST = new("ST", true, false, 0x20, 1024, 1, multiValued: false);
    public static readonly DicomVR SV = new("SV", false, true, 0x00, 8, 8);
    public static readonly DicomVR TM = new("TM", true, false, 0x20, 14, 1);
    public static readonly DicomVR UC = new("UC", true, true, 0x20, 0, 1);
    public static readonly DicomVR UI = new("UI", true, false, 0x00, 64, 1);
    public static readonly DicomVR UL = new("UL", false, false, 0x00, 4, 4);
    public static readonly DicomVR UN = new("UN", false, true, 0x00, 0, 1);
    public static readonly DicomVR UR = new("UR", true, true, 0x20, 0, 1, multiValued: false);
    public static readonly DicomVR US = new("US", false, false, 0x00, 2, 2);
    public static readonly DicomVR UT = new("UT", true, true, 0x20, 0, 1, multiValued: false);
    public static readonly DicomVR UV = new("UV", false, true, 0x00, 8, 8);

    /// <summary>Used only for items and delimiters, which carry no VR.</summary>
    public static readonly DicomVR NONE = new("--", false, false, 0x00, 0, 1);

    public static IReadOnlyList<DicomVR> All { get; } =
    [
        AE, AS, AT, CS, DA, DS, DT, FD, FL, IS, LO, LT, OB, OD, OF, OL, OV, OW, PN, SH, SL, SQ, SS, ST, SV, TM, UC, UI, UL, UN, UR, US, UT, UV,
    ];

    /// <summary>Maps the two bytes of an explicit VR to a VR; false for anything not in PS3.5.</summary>
    public static bool TryParse(ushort code16, out DicomVR vr)
    {
        vr = code16 switch
        {
            0x4145 => AE, 0x4153 => AS, 0x4154 => AT, 0x4353 => CS, 0x4441 => DA, 0x4453 => DS, 0x4454 => DT,
            0x4644 => FD, 0x464C => FL, 0x4953 => IS, 0x4C4F => LO, 0x4C54 => LT, 0x4F42 => OB, 0x4F44 => OD,
            0x4F46 => OF, 0x4F4C => OL, 0x4F56 => OV, 0x4F57 => OW, 0x504E => PN, 0x5348 => SH, 0x534C => SL,
            0x5351 => SQ, 0x5353 => SS, 0x5354 => ST, 0x5356 => SV, 0x544D => TM, 0x5543 => UC, 0x5549 => UI,
            0x554C => UL, 0x554E => UN, 0x5552 => UR, 0x5553 => US, 0x5554 => UT, 0x5556 => UV,
            _ => null!,
        };
        return vr is not null;
    }

    public static bool TryParse(string code, out DicomVR vr)
    {
        vr = null!;
        return code.Length == 2 && TryParse((ushort)((code[0] << 8) | code[1]), out vr);
    }

    public static DicomVR Parse(string code) =>
        TryParse(code, out var vr) ? vr : throw new ArgumentException($"unknown VR '{code}'", nameof(code));

    public override string ToString() => Code;
}
