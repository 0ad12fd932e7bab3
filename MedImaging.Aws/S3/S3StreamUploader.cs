using Amazon.S3;
using Amazon.S3.Model;

namespace MedImaging.Aws.S3;

/// <summary>
/// Stores a <see cref="ChunkedUploadSource"/> in S3: one PutObject when the whole stream fits in one chunk (through
/// our lean <see cref="S3ObjectClient"/>, the per-instance hot path), otherwise a multipart upload on the SDK client
/// with one part per chunk, aborted when anything fails so no partial object stays.
/// </summary>
public sealed class S3StreamUploader(IAmazonS3 s3, S3ObjectClient objects)
{
    /// <summary>8 MiB: S3's minimum part size is 5 MiB, and fauxqs fails a single PutObject over 11 MiB.</summary>
    public const int PartSize = 8 * 1024 * 1024;

    public async Task<StoredObject> UploadAsync(
        string bucket, string key, string contentType, ChunkedUploadSource source, CancellationToken cancellationToken)
    {
        if (source.IsLastChunk)
        {
            // The source hashed the stream while reading it, so the payload is signed at no extra cost.
            var sha256 = source.ContentSha256();
            await objects.PutObjectAsync(bucket, key, source.Current, contentType, sha256, cancellationToken);
            return new StoredObject(bucket, key, source.TotalBytes, sha256);
        }
        return await UploadMultipartAsync(bucket, key, contentType, source, cancellationToken);
    }

    /// <summary>Removes objects stored by an upload that was then refused.</summary>
    public async Task DeleteAsync(IEnumerable<StoredObject> objects, CancellationToken cancellationToken)
    {
        foreach (var stored in objects)
            await s3.DeleteObjectAsync(stored.Bucket, stored.Key, cancellationToken);
    }

    private async Task<StoredObject> UploadMultipartAsync(
        string bucket, string key, string contentType, ChunkedUploadSource source, CancellationToken cancellationToken)
    {
        var started = await s3.InitiateMultipartUploadAsync(new InitiateMultipartUploadRequest
        {
            BucketName = bucket, Key = key, ContentType = contentType,
        }, cancellationToken);
        try
        {
            var parts = new List<PartETag>();
            do
            {
                parts.Add(await UploadPartAsync(bucket, key, started.UploadId, parts.Count + 1, source.Current, cancellationToken));
            } while (await source.MoveNextAsync(cancellationToken));

            await s3.CompleteMultipartUploadAsync(new CompleteMultipartUploadRequest
            {
                BucketName = bucket, Key = key, UploadId = started.UploadId, PartETags = parts,
            }, cancellationToken);
            return new StoredObject(bucket, key, source.TotalBytes, source.ContentSha256());
        }
        catch
        {
            // CancellationToken.None: the abort must run even when the request was cancelled.
            await s3.AbortMultipartUploadAsync(new AbortMultipartUploadRequest
            {
                BucketName = bucket, Key = key, UploadId = started.UploadId,
            }, CancellationToken.None);
            throw;
        }
    }

    private async Task<PartETag> UploadPartAsync(
        string bucket, string key, string uploadId, int partNumber, ReadOnlyMemory<byte> chunk, CancellationToken cancellationToken)
    {
        using var body = ChunkStream.Over(chunk);
        var uploaded = await s3.UploadPartAsync(new UploadPartRequest
        {
            BucketName = bucket, Key = key, UploadId = uploadId, PartNumber = partNumber, InputStream = body,
            UseChunkEncoding = S3Bodies.UseChunkEncoding,
        }, cancellationToken);
        return new PartETag(partNumber, uploaded.ETag);
    }
}
