using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace MedImaging.Pipeline.Tests.Support;

/// <summary>
/// Recomputes a SigV4 signature from what arrived on the wire, written from AWS's published algorithm
/// and independent of AWSSDK.Core, so a fake service can reject a request the SDK signed wrongly.
/// </summary>
public sealed partial class SigV4Verifier(string accessKey, string secretKey, string region, string service)
{
    [GeneratedRegex(@"^AWS4-HMAC-SHA256 Credential=(?<ak>[^/]+)/(?<date>\d{8})/(?<region>[^/]+)/(?<service>[^/]+)/aws4_request, SignedHeaders=(?<signed>[a-z0-9;\-]+), Signature=(?<sig>[0-9a-f]{64})$")]
    private static partial Regex AuthorizationPattern();

    /// <returns>null when the signature is valid, else the reason it is not.</returns>
    public string? Verify(string method, string path, string query, IReadOnlyDictionary<string, string> headers, byte[] body)
    {
        if (!headers.TryGetValue("authorization", out var authorization)) return "no Authorization header";
        var match = AuthorizationPattern().Match(authorization);
        if (!match.Success) return "malformed Authorization header";
        if (match.Groups["ak"].Value != accessKey) return "unknown access key";
        if (match.Groups["region"].Value != region || match.Groups["service"].Value != service) return "wrong credential scope";
        if (!headers.TryGetValue("x-amz-date", out var amzDate) || !amzDate.StartsWith(match.Groups["date"].Value, StringComparison.Ordinal))
            return "X-Amz-Date missing or outside the credential date";

        var payloadHash = Hex(SHA256.HashData(body));
        if (headers.TryGetValue("x-amz-content-sha256", out var declared) && declared != payloadHash)
            return "X-Amz-Content-SHA256 does not match the body";

        var signedNames = match.Groups["signed"].Value.Split(';');
        foreach (var required in new[] { "host", "x-amz-date" })
            if (!signedNames.Contains(required)) return $"{required} is not signed";
        var canonicalHeaders = new StringBuilder();
        foreach (var name in signedNames)
        {
            if (!headers.TryGetValue(name, out var value)) return $"signed header {name} is missing";
            canonicalHeaders.Append(name).Append(':').Append(string.Join(' ', value.Split(' ', StringSplitOptions.RemoveEmptyEntries))).Append('\n');
        }

        var canonicalRequest = string.Join('\n', method, path.Length == 0 ? "/" : path, query, canonicalHeaders.ToString(), match.Groups["signed"].Value, payloadHash);
        var date = match.Groups["date"].Value;
        var scope = $"{date}/{region}/{service}/aws4_request";
        var stringToSign = string.Join('\n', "AWS4-HMAC-SHA256", amzDate, scope, Hex(SHA256.HashData(Encoding.UTF8.GetBytes(canonicalRequest))));
        var key = Encoding.UTF8.GetBytes("AWS4" + secretKey);
        foreach (var part in new[] { date, region, service, "aws4_request" })
            key = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(part));
        var expected = Hex(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(stringToSign)));
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(match.Groups["sig"].Value))
            ? null
            : "signature mismatch";
    }

    private static string Hex(byte[] bytes) => Convert.ToHexStringLower(bytes);
}
