using System.Numerics;
using System.Security.Cryptography;
using System.Text;

namespace MedImaging.Dicom.Deidentification.Uids;

/// <summary>
/// Replaces a UID with HMAC-SHA256(secret, UID) truncated to 128 bits and written as a UUID-derived
/// "2.25." UID (PS3.5 B.2). The same UID and secret always give the same result, so every instance of a
/// study gets the same new Study, Series and Frame of Reference UIDs and references stay consistent;
/// without the secret the original cannot be recovered or confirmed by a dictionary attack.
/// </summary>
public sealed class UidRemapper(byte[] secret)
{
    public const string Root = "2.25.";

    // One keyed HMAC per thread, reset after each use: the one-shot HMACSHA256.HashData sets up the algorithm and key
    // anew on every call, which is most of its cost for a short UID.
    private readonly ThreadLocal<IncrementalHash> _hmac = new(() => IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, secret));

    public string Remap(string uid)
    {
        var trimmed = uid.TrimEnd('\0', ' ').Trim();
        Span<byte> input = stackalloc byte[Encoding.ASCII.GetMaxByteCount(trimmed.Length)];
        var length = Encoding.ASCII.GetBytes(trimmed, input);
        Span<byte> hash = stackalloc byte[32];
        var hmac = _hmac.Value!;
        hmac.AppendData(input[..length]);
        hmac.GetHashAndReset(hash);
        return Root + new BigInteger(hash[..16], isUnsigned: true, isBigEndian: true).ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>True for UIDs defined by the standard (SOP classes, transfer syntaxes, coding schemes ...), which never identify anyone.</summary>
    public static bool IsStandardUid(string uid) => uid.StartsWith("1.2.840.10008.", StringComparison.Ordinal);
}
