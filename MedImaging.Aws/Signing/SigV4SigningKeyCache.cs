using System.Security.Cryptography;
using System.Text;

namespace MedImaging.Aws.Signing;

/// <summary>
/// The SigV4 signing key (four chained HMACs) for one secret, date, region and service, derived once per UTC day
/// instead of once per request. Holds the latest key only: a signer serves one region and service, and the date
/// changes once a day (or the secret when role credentials rotate), so an older key is never asked for again.
/// </summary>
internal sealed class SigV4SigningKeyCache(string region, string service)
{
    private sealed record Entry(string Date, string SecretKey, byte[] Key);

    private Entry? _latest;

    public byte[] KeyFor(string secretKey, string date)
    {
        var latest = Volatile.Read(ref _latest);
        if (latest is not null && latest.Date == date && string.Equals(latest.SecretKey, secretKey, StringComparison.Ordinal))
            return latest.Key;
        var key = Derive(secretKey, date, region, service);
        Volatile.Write(ref _latest, new Entry(date, secretKey, key));
        return key;
    }

    private static byte[] Derive(string secretKey, string date, string region, string service)
    {
        var key = HMACSHA256.HashData(Encoding.UTF8.GetBytes("AWS4" + secretKey), Encoding.UTF8.GetBytes(date));
        key = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(region));
        key = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(service));
        return HMACSHA256.HashData(key, "aws4_request"u8);
    }
}
