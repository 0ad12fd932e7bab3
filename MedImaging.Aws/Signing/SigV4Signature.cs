namespace MedImaging.Aws.Signing;

/// <summary>
/// What signing a request produced: the headers to send besides the ones that were signed (x-amz-date,
/// x-amz-content-sha256 when asked for, x-amz-security-token when the credentials have a session token, and
/// Authorization), plus the canonical request and signature for tests and diagnostics.
/// </summary>
public sealed record SigV4Signature(
    IReadOnlyList<KeyValuePair<string, string>> HeadersToSend,
    string Authorization,
    string SignedHeaders,
    string CanonicalRequest,
    string Signature);
