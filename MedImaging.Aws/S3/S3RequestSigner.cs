using Amazon.Runtime;
using MedImaging.Aws.Signing;

namespace MedImaging.Aws.S3;

/// <summary>
/// SigV4 with the Authorization header for S3 (service "s3"), per S3's rules: the path is encoded once (not twice
/// as for other services), the payload hash is always sent as x-amz-content-sha256 and signed, and the session
/// token of temporary credentials travels as a signed x-amz-security-token header.
/// </summary>
public sealed class S3RequestSigner(string region)
{
    public const string Algorithm = SigV4Signer.Algorithm;

    /// <summary>Payload hash for a body the signature does not cover (its integrity then rests on TLS or a signed Content-MD5).</summary>
    public const string UnsignedPayload = "UNSIGNED-PAYLOAD";

    /// <summary>Hex SHA-256 of an empty body.</summary>
    public const string EmptyPayloadHash = SigV4Signer.EmptyPayloadHash;

    private readonly SigV4Signer _signer = new(region, "s3");

    public string Region => region;

    public SigV4Signature Sign(S3SigningRequest request, ImmutableCredentials credentials, DateTimeOffset now) =>
        _signer.Sign(new SigV4Request(request.Method, request.EncodedPath, request.Query, request.Headers, request.PayloadHash, SignPayloadHash: true), credentials, now);
}
