using System.Globalization;
using System.Numerics;
using System.Security.Cryptography;
using System.Text;

namespace MedImaging.Pipeline.Execution;

/// <summary>
/// Keyed, one-way pseudonyms written as "2.25." UIDs, for objects that have no de-identified DICOM
/// UID of their own (plain images, quarantined originals). Same input and secret, same pseudonym.
/// </summary>
public sealed class Pseudonymizer(string secret)
{
    private readonly byte[] _key = Encoding.UTF8.GetBytes(secret);

    public string Pseudonym(string value)
    {
        var hash = HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(value));
        return "2.25." + new BigInteger(hash.AsSpan(0, 16), isUnsigned: true, isBigEndian: true).ToString(CultureInfo.InvariantCulture);
    }
}
