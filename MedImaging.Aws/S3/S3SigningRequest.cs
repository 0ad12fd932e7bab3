namespace MedImaging.Aws.S3;

/// <summary>
/// A request to sign. <paramref name="EncodedPath"/> is the path exactly as sent (already S3-encoded once);
/// <paramref name="Query"/> holds raw (unencoded) names and values; <paramref name="Headers"/> must include host
/// and holds every other header to sign. <paramref name="PayloadHash"/> is the lower-case hex SHA-256 of the body
/// or <see cref="S3RequestSigner.UnsignedPayload"/>.
/// </summary>
public sealed record S3SigningRequest(
    string Method,
    string EncodedPath,
    IReadOnlyList<KeyValuePair<string, string>> Query,
    IReadOnlyList<KeyValuePair<string, string>> Headers,
    string PayloadHash);
