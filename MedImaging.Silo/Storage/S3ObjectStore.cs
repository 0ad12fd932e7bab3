using System.Net;
using System.Security.Cryptography;
using Amazon.S3;
using Amazon.S3.Model;
using MedImaging.Aws.S3;
using StoredObject = MedImaging.Pipeline.Storage.StoredObject;
using MedImaging.Pipeline.Storage;

namespace MedImaging.Silo.Storage;

/// <summary>
/// The pipeline's object store on S3, through the AWS SDK. Failures come out
/// as step failures (<see cref="S3Failures"/>), so the pipeline's retry policy decides: throttling, 5xx and network
/// errors are retried, refusals are not. An output larger than one part goes by multipart upload
/// (<see cref="S3MultipartPut"/>): S3 caps a single PUT at 5 GB, fauxqs at 11 MiB.
/// </summary>
public sealed class S3ObjectStore(IAmazonS3 s3) : IObjectStore
{
    public Task<StoredObject?> GetAsync(ObjectLocation location, CancellationToken cancellationToken) =>
        GetAsync(location, expectedSha256: null, cancellationToken);

    /// <remarks>
    /// With <paramref name="expectedSha256"/> the content's SHA-256 is computed and returned for the caller to judge an
    /// object that really differs. Damage on the way fails either way (transient): the SDK checks every single-part
    /// body against the MD5 its ETag carries when the answer is disposed.
    /// </remarks>
    public async Task<StoredObject?> GetAsync(ObjectLocation location, string? expectedSha256, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await s3.GetObjectAsync(new GetObjectRequest { BucketName = location.Bucket, Key = location.Key }, cancellationToken);
            var content = await S3ObjectBodies.ReadAsync(response, cancellationToken);
            var sha256 = expectedSha256 is null ? null : Convert.ToHexStringLower(SHA256.HashData(content));
            var contentType = response.Headers.ContentType is { Length: > 0 } type ? type : "application/octet-stream";
            return new StoredObject(content, contentType) { Sha256 = sha256 };
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound && e.ErrorCode != "NoSuchBucket")
        {
            return null;
        }
        catch (Exception e) when (S3Failures.Classify(e, "get", cancellationToken) is { } failure)
        {
            throw failure;
        }
    }

    /// <summary>True when the object exists. A HEAD answer has no body, so a missing bucket also reads as false.</summary>
    public async Task<bool> ExistsAsync(ObjectLocation location, CancellationToken cancellationToken)
    {
        try
        {
            await s3.GetObjectMetadataAsync(new GetObjectMetadataRequest { BucketName = location.Bucket, Key = location.Key }, cancellationToken);
            return true;
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }
        catch (Exception e) when (S3Failures.Classify(e, "head", cancellationToken) is { } failure)
        {
            throw failure;
        }
    }

    public async Task PutAsync(ObjectLocation location, ReadOnlyMemory<byte> content, string contentType, CancellationToken cancellationToken)
    {
        try
        {
            if (content.Length > S3MultipartPut.PartSize)
            {
                await S3MultipartPut.PutAsync(s3, location.Bucket, location.Key, content, contentType, cancellationToken);
                return;
            }
            using var body = ChunkStream.Over(content);
            await s3.PutObjectAsync(new PutObjectRequest
            {
                BucketName = location.Bucket, Key = location.Key, ContentType = contentType, InputStream = body,
                UseChunkEncoding = S3Bodies.UseChunkEncoding,
            }, cancellationToken);
        }
        catch (Exception e) when (S3Failures.Classify(e, "put", cancellationToken) is { } failure)
        {
            throw failure;
        }
    }

    public async Task CopyAsync(ObjectLocation source, ObjectLocation destination, CancellationToken cancellationToken)
    {
        try
        {
            await s3.CopyObjectAsync(new CopyObjectRequest
            {
                SourceBucket = source.Bucket, SourceKey = source.Key, DestinationBucket = destination.Bucket, DestinationKey = destination.Key,
            }, cancellationToken);
        }
        catch (Exception e) when (S3Failures.Classify(e, "copy", cancellationToken) is { } failure)
        {
            throw failure;
        }
    }

    /// <remarks>The response body streams from the connection.</remarks>
    public async Task<StoredStream?> OpenReadAsync(ObjectLocation location, CancellationToken cancellationToken)
    {
        try
        {
            var response = await s3.GetObjectAsync(new Amazon.S3.Model.GetObjectRequest { BucketName = location.Bucket, Key = location.Key }, cancellationToken);
            return new StoredStream(response.ResponseStream, response.ContentLength, response.Headers.ContentType ?? "application/octet-stream", response);
        }
        catch (AmazonS3Exception e) when (e.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return null;
        }
        catch (Exception e) when (S3Failures.Classify(e, "get", cancellationToken) is { } failure)
        {
            throw failure;
        }
    }

    public async Task PutAsync(ObjectLocation location, Stream content, string contentType, CancellationToken cancellationToken)
    {
        try
        {
            await S3MultipartPut.PutAsync(s3, location.Bucket, location.Key, content, contentType,
                (single, ct) => PutAsync(location, single, contentType, ct), cancellationToken);
        }
        catch (Exception e) when (S3Failures.Classify(e, "put", cancellationToken) is { } failure)
        {
            throw failure;
        }
    }
}
