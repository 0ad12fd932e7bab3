using System.Text;

namespace MedImaging.Aws.S3;

/// <summary>
/// S3's UriEncode: every byte of the UTF-8 form is percent-encoded (upper-case hex) except the unreserved
/// characters A-Z a-z 0-9 - _ . ~, and '/' when it separates key segments. S3 encodes the path once only,
/// unlike the other SigV4 services, so the path sent and the path signed are the same string.
/// </summary>
public static class S3UriEncoding
{
    /// <param name="keepSlashes">True for an object key in a path (its '/' separate segments), false for a query component.</param>
    public static string Encode(string value, bool keepSlashes)
    {
        if (!NeedsEncoding(value, keepSlashes)) return value;
        var utf8 = Encoding.UTF8.GetBytes(value);
        var encoded = new StringBuilder(utf8.Length * 3);
        foreach (var b in utf8)
        {
            if (IsUnreserved(b) || (keepSlashes && b == '/')) encoded.Append((char)b);
            else encoded.Append('%').Append(HexDigits[b >> 4]).Append(HexDigits[b & 0xF]);
        }
        return encoded.ToString();
    }

    private const string HexDigits = "0123456789ABCDEF";

    private static bool NeedsEncoding(string value, bool keepSlashes)
    {
        foreach (var c in value)
        {
            if (c > 0x7F || !(IsUnreserved((byte)c) || (keepSlashes && c == '/'))) return true;
        }
        return false;
    }

    private static bool IsUnreserved(byte b) =>
        b is >= (byte)'A' and <= (byte)'Z' or >= (byte)'a' and <= (byte)'z' or >= (byte)'0' and <= (byte)'9'
            or (byte)'-' or (byte)'_' or (byte)'.' or (byte)'~';
}
