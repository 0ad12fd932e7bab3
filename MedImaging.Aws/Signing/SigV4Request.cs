namespace MedImaging.Aws.Signing;

/// <summary>
/// A request to sign. <paramref name="CanonicalPath"/> is the path as it goes into the canonical request (S3: the
/// path as sent; other services: the path as sent, encoded once more); <paramref name="Query"/> holds raw (unencoded)
/// names and values; <paramref name="Headers"/> must include host and holds every other header to sign.
/// <paramref name="PayloadHash"/> is the lower-case hex SHA-256 of the body (or S3's UNSIGNED-PAYLOAD); with
/// <paramref name="SignPayloadHash"/> it is also sent and signed as x-amz-content-sha256.
/// </summary>
public sealed record SigV4Request(
    string Method,
    string CanonicalPath,
    IReadOnlyList<KeyValuePair<string, string>> Query,
    IReadOnlyList<KeyValuePair<string, string>> Headers,
    string PayloadHash,
    bool SignPayloadHash);
