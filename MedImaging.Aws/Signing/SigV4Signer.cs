using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Amazon.Runtime;
using MedImaging.Aws.S3;

namespace MedImaging.Aws.Signing;

/// <summary>
/// AWS Signature Version 4 with the Authorization header, for one region and service: canonical request, string to
/// sign, and the signature over a signing key derived once a day. x-amz-date, the payload hash (when the request asks
/// for it) and the session token of temporary credentials are added as signed headers. The one implementation behind
/// <see cref="S3RequestSigner"/> and <see cref="AwsProtocolSigningHandler"/>.
/// </summary>
public sealed class SigV4Signer(string region, string service)
{
    public const string Algorithm = "AWS4-HMAC-SHA256";

    /// <summary>Hex SHA-256 of an empty body.</summary>
    public const string EmptyPayloadHash = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    private readonly SigV4SigningKeyCache _keys = new(region, service);

    public string Region => region;

    public string Service => service;

    public SigV4Signature Sign(SigV4Request request, ImmutableCredentials credentials, DateTimeOffset now)
    {
        var amzDate = now.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        var date = amzDate[..8];
        var added = new List<KeyValuePair<string, string>>(4) { new("x-amz-date", amzDate) };
        if (request.SignPayloadHash) added.Add(new("x-amz-content-sha256", request.PayloadHash));
        if (credentials.UseToken) added.Add(new("x-amz-security-token", credentials.Token));

        var headers = CanonicalHeaders(request.Headers, added);
        var signedHeaders = string.Join(';', headers.Select(h => h.Key));
        var canonicalRequest = new StringBuilder(512)
            .Append(request.Method).Append('\n')
            .Append(request.CanonicalPath).Append('\n')
            .Append(CanonicalQuery(request.Query)).Append('\n');
        foreach (var (name, value) in headers) canonicalRequest.Append(name).Append(':').Append(value).Append('\n');
        canonicalRequest.Append('\n').Append(signedHeaders).Append('\n').Append(request.PayloadHash);
        var canonical = canonicalRequest.ToString();

        var scope = $"{date}/{region}/{service}/aws4_request";
        var stringToSign = $"{Algorithm}\n{amzDate}\n{scope}\n{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)))}";
        var signature = Convert.ToHexStringLower(HMACSHA256.HashData(_keys.KeyFor(credentials.SecretKey, date), Encoding.UTF8.GetBytes(stringToSign)));
        var authorization = $"{Algorithm} Credential={credentials.AccessKey}/{scope},SignedHeaders={signedHeaders},Signature={signature}";
        added.Add(new("Authorization", authorization));
        return new SigV4Signature(added, authorization, signedHeaders, canonical, signature);
    }

    // Lower-case names sorted by ordinal, values trimmed with inner runs of spaces collapsed; repeated names joined by ','.
    private static List<KeyValuePair<string, string>> CanonicalHeaders(
        IReadOnlyList<KeyValuePair<string, string>> headers, IReadOnlyList<KeyValuePair<string, string>> added)
    {
        var byName = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in headers.Concat(added))
        {
            var key = name.ToLowerInvariant();
            var trimmed = CollapseSpaces(value.Trim());
            byName[key] = byName.TryGetValue(key, out var existing) ? existing + "," + trimmed : trimmed;
        }
        return [.. byName];
    }

    private static string CollapseSpaces(string value)
    {
        if (!value.Contains("  ", StringComparison.Ordinal)) return value;
        var collapsed = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            if (c == ' ' && collapsed.Length > 0 && collapsed[^1] == ' ') continue;
            collapsed.Append(c);
        }
        return collapsed.ToString();
    }

    private static string CanonicalQuery(IReadOnlyList<KeyValuePair<string, string>> query)
    {
        if (query.Count == 0) return "";
        return string.Join('&', query
            .Select(p => (Name: S3UriEncoding.Encode(p.Key, keepSlashes: false), Value: S3UriEncoding.Encode(p.Value, keepSlashes: false)))
            .OrderBy(p => p.Name, StringComparer.Ordinal).ThenBy(p => p.Value, StringComparer.Ordinal)
            .Select(p => p.Name + "=" + p.Value));
    }
}
