using System.Text;

namespace MedImaging.Dicom.Text;

/// <summary>
/// Decodes values that switch character sets with ISO 2022 escape sequences (PS3.5 6.1.2.5),
/// as used for Japanese (IR 13, IR 87, IR 159) and Korean (IR 149).
/// </summary>
internal static class Iso2022Decoder
{
    public static string Decode(ReadOnlySpan<byte> bytes, DicomCharacterSet set, DicomVR vr)
    {
        var result = new StringBuilder(bytes.Length);
        var current = set.Primary;
        var multiByteG0 = false;
        var start = 0;
        for (var i = 0; i <= bytes.Length; i++)
        {
            // Inside a two-byte G0 set (JIS X 0208/0212) every byte pair is one character: only ESC ends the run.
            if (i < bytes.Length && bytes[i] != 0x1B && (multiByteG0 || !IsDelimiter(bytes[i], vr))) continue;
            AppendRun(result, bytes[start..i], current, multiByteG0);
            if (i == bytes.Length) break;
            if (bytes[i] != 0x1B)
            {
                // Delimiters (backslash, CR, LF, FF, TAB, and ^ = in PN) reset to the initial set (PS3.5 6.1.2.5.3).
                result.Append((char)bytes[i]);
                current = set.Primary;
                start = i + 1;
                continue;
            }
            var length = EscapeLength(bytes[i..], out var next, out var nextMultiByte);
            if (length == 0)
            {
                start = i;
                continue;
            }
            if (next is not null)
            {
                current = next;
                multiByteG0 = nextMultiByte;
            }
            i += length - 1;
            start = i + 1;
        }
        return result.ToString();
    }

    private static bool IsDelimiter(byte b, DicomVR vr) =>
        b is 0x5C or 0x0D or 0x0A or 0x0C or 0x09 || (vr == DicomVR.PN && b is 0x5E or 0x3D);

    private static void AppendRun(StringBuilder sb, ReadOnlySpan<byte> run, Encoding encoding, bool multiByteG0)
    {
        if (run.IsEmpty) return;
        if (multiByteG0)
        {
            // JIS X 0208 / 0212 in G0: decode with the ISO-2022-JP decoder by restoring the escape it needs.
            var jis = new byte[run.Length + 6];
            jis[0] = 0x1B; jis[1] = 0x24; jis[2] = 0x42;
            run.CopyTo(jis.AsSpan(3));
            jis[^3] = 0x1B; jis[^2] = 0x28; jis[^1] = 0x42;
            sb.Append(encoding.GetString(jis));
            return;
        }
        sb.Append(encoding.GetString(run));
    }

    private static int EscapeLength(ReadOnlySpan<byte> s, out Encoding? encoding, out bool multiByte)
    {
        encoding = null;
        multiByte = false;
        if (s.StartsWith("\u001b(B"u8) || s.StartsWith("\u001b(J"u8)) { encoding = Encoding.Latin1; return 3; }
        if (s.StartsWith("\u001b)I"u8)) { encoding = Encoding.GetEncoding(932); return 3; }
        if (s.StartsWith("\u001b$B"u8)) { encoding = Encoding.GetEncoding(50222); multiByte = true; return 3; }
        if (s.StartsWith("\u001b$(D"u8)) { encoding = Encoding.GetEncoding(50222); multiByte = true; return 4; }
        if (s.StartsWith("\u001b$)C"u8)) { encoding = Encoding.GetEncoding(949); return 4; }
        if (s.StartsWith("\u001b$)A"u8)) { encoding = Encoding.GetEncoding(936); return 4; }
        if (s.StartsWith("\u001b-A"u8)) { encoding = Encoding.Latin1; return 3; }
        if (s.Length >= 3 && s[1] is 0x2D or 0x28 or 0x29) return 3;
        return 0;
    }
}
