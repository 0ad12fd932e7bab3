using Amazon.S3;
using MedImaging.Aws.S3;
using StoredObject = MedImaging.Pipeline.Storage.StoredObject;
using MedImaging.Pipeline.Storage;

namespace MedImaging.Silo.Storage;

/// <summary>
/// The pipeline's object store on S3, through our lean <see cref="S3ObjectClient"/> (the hot path: one GET, four
/// PUTs and two COPYs per instance). Failures come out as step failures (<see cref="S3Failures"/>), so the
/// pipeline's retry policy decides: throttling, 5xx and network errors are retried, refusals are not. An output larger
/// than one part goes by multipart upload (<see cref="S3MultipartPut"/>): S3 caps a single PUT at 5 GB, fauxqs at 11 MiB.
/// </summary>
public sealed class S3ObjectStore(S3ObjectClient s3, IAmazonS3? sdk = null) : IObjectStore
{
    public Task<StoredObject?> GetAsync(ObjectLocation location, CancellationToken cancellationToken) =>
        GetAsync(location, expectedSha256: null, cancellationToken);

    public async Task<StoredObject?> GetAsync(ObjectLocation location, string? expectedSha256, CancellationToken cancellationToken)
    {
        try
        {
            var found = await s3.GetObjectAsync(location.Bucket, location.Key, expectedSha256, cancellationToken);
            return found is null ? null : new StoredObject(found.Content, found.ContentType) { Sha256 = found.Sha256 };
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
            return await s3.ObjectExistsAsync(location.Bucket, location.Key, cancellationToken);
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
            if (content.Length > S3MultipartPut.PartSize && sdk is not null)
            {
                await S3MultipartPut.PutAsync(sdk, location.Bucket, location.Key, content, contentType, cancellationToken);
                return;
            }
            await s3.PutObjectAsync(location.Bucket, location.Key, content, contentType, cancellationToken: cancellationToken);
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
            await s3.CopyObjectAsync(source.Bucket, source.Key, destination.Bucket, destination.Key, cancellationToken);
        }
        catch (Exception e) when (S3Failures.Classify(e, "copy", cancellationToken) is { } failure)
        {
            throw failure;
        }
    }

    /// <remarks>Through the SDK, whose response body streams from the connection (the lean client reads bodies whole).</remarks>
    public async Task<StoredStream?> OpenReadAsync(ObjectLocation location, CancellationToken cancellationToken)
    {
        if (sdk is null)
            return await GetAsync(location, cancellationToken) is { } whole
                ? new StoredStream(new MemoryStream(whole.Content.ToArray(), writable: false), whole.Content.Length, whole.ContentType)
                : null;
        try
        {
            var response = await sdk.GetObjectAsync(new Amazon.S3.Model.GetObjectRequest { BucketName = location.Bucket, Key = location.Key }, cancellationToken);
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
        if (sdk is null)
        {
            using var whole = new MemoryStream();
            await content.CopyToAsync(whole, cancellationToken);
            await PutAsync(location, whole.GetBuffer().AsMemory(0, (int)whole.Length), contentType, cancellationToken);
            return;
        }
        try
        {
            await S3MultipartPut.PutAsync(sdk, location.Bucket, location.Key, content, contentType,
                (single, ct) => s3.PutObjectAsync(location.Bucket, location.Key, single, contentType, cancellationToken: ct), cancellationToken);
        }
        catch (Exception e) when (S3Failures.Classify(e, "put", cancellationToken) is { } failure)
        {
            throw failure;
        }
    }
}
