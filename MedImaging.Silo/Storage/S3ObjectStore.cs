using System.Net;
using System.Runtime.InteropServices;
using Amazon.S3;
using Amazon.S3.Model;
using S3Bodies = MedImaging.Aws.S3.S3Bodies;
using MedImaging.Pipeline.Storage;

namespace MedImaging.Silo.Storage;

/// <summary>
/// The pipeline's object store on S3. Failures come out as step failures (<see cref="S3Failures"/>), so the
/// pipeline's retry policy decides: throttling, 5xx and network errors are retried, refusals are not.
/// </summary>
public sealed class S3ObjectStore(IAmazonS3 s3) : IObjectStore
{
    public async Task<StoredObject?> GetAsync(ObjectLocation location, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await s3.GetObjectAsync(new GetObjectRequest { BucketName = location.Bucket, Key = location.Key }, cancellationToken);
            var content = await S3ObjectBody.ReadAsync(response, cancellationToken);
            return new StoredObject(content, response.Headers.ContentType ?? "application/octet-stream");
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

    public async Task<bool> ExistsAsync(ObjectLocation location, CancellationToken cancellationToken)
    {
        try
        {
            await s3.GetObjectMetadataAsync(new GetObjectMetadataRequest { BucketName = location.Bucket, Key = location.Key }, cancellationToken);
            return true;
        }
        // A HEAD answer has no body, so a missing bucket looks like a missing key here; the write that follows tells them apart.
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
        var bytes = MemoryMarshal.TryGetArray(content, out var segment) && segment.Array is not null
            ? new MemoryStream(segment.Array, segment.Offset, segment.Count, writable: false)
            : new MemoryStream(content.ToArray(), writable: false);
        try
        {
            await s3.PutObjectAsync(new PutObjectRequest
            {
                BucketName = location.Bucket,
                Key = location.Key,
                InputStream = bytes,
                ContentType = contentType,
                AutoCloseStream = false,
                UseChunkEncoding = S3Bodies.UseChunkEncoding,
            }, cancellationToken);
        }
        catch (Exception e) when (S3Failures.Classify(e, "put", cancellationToken) is { } failure)
        {
            throw failure;
        }
        finally
        {
            await bytes.DisposeAsync();
        }
    }

    public async Task CopyAsync(ObjectLocation source, ObjectLocation destination, CancellationToken cancellationToken)
    {
        try
        {
            await s3.CopyObjectAsync(new CopyObjectRequest
            {
                SourceBucket = source.Bucket,
                SourceKey = source.Key,
                DestinationBucket = destination.Bucket,
                DestinationKey = destination.Key,
            }, cancellationToken);
        }
        catch (Exception e) when (S3Failures.Classify(e, "copy", cancellationToken) is { } failure)
        {
            throw failure;
        }
    }
}
