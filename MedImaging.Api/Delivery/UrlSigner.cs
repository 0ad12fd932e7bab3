using Amazon.S3;
using Amazon.S3.Model;
using MedImaging.Aws.Configuration;
using Microsoft.Extensions.Options;

namespace MedImaging.Api.Delivery;

/// <summary>
/// Presigns S3 GET and PUT URLs. Signing is local (no call to S3). An emulator on plain HTTP needs
/// <see cref="Protocol.HTTP"/>, or the SDK hands out https URLs it cannot serve.
/// </summary>
public sealed class UrlSigner(IAmazonS3 s3, AwsOptions aws, IOptions<DeliveryOptions> options, TimeProvider clock)
{
    private readonly Protocol _protocol =
        aws.ServiceUrl.S3 is { } url && url.StartsWith("http://", StringComparison.OrdinalIgnoreCase) ? Protocol.HTTP : Protocol.HTTPS;

    public Task<PresignedUrl> DownloadAsync(string bucket, string key) =>
        SignAsync(bucket, key, HttpVerb.GET, options.Value.DownloadUrlExpiry, contentType: null);

    /// <param name="contentType">When given, the client must send exactly this Content-Type with its PUT.</param>
    public Task<PresignedUrl> UploadAsync(string bucket, string key, string? contentType = null) =>
        SignAsync(bucket, key, HttpVerb.PUT, options.Value.UploadUrlExpiry, contentType);

    /// <summary>A PUT URL for one part of an S3 multipart upload; S3 answers it with the part's ETag.</summary>
    public Task<PresignedUrl> UploadPartAsync(string bucket, string key, string uploadId, int partNumber) =>
        SignAsync(bucket, key, HttpVerb.PUT, options.Value.UploadUrlExpiry, contentType: null, (uploadId, partNumber));

    private async Task<PresignedUrl> SignAsync(string bucket, string key, HttpVerb verb, TimeSpan lifetime, string? contentType,
        (string UploadId, int PartNumber)? part = null)
    {
        // S3 accepts at most 7 days; whole seconds keep the stated expiry exact.
        var expires = clock.GetUtcNow().AddSeconds(Math.Clamp((int)lifetime.TotalSeconds, 1, 7 * 24 * 3600));
        var request = new GetPreSignedUrlRequest
        {
            BucketName = bucket,
            Key = key,
            Verb = verb,
            Expires = expires.UtcDateTime,
            Protocol = _protocol,
        };
        if (contentType is not null) request.ContentType = contentType;
        if (part is { } p)
        {
            request.UploadId = p.UploadId;
            request.PartNumber = p.PartNumber;
        }
        var url = await s3.GetPreSignedURLAsync(request);
        return new PresignedUrl(url, expires);
    }
}
