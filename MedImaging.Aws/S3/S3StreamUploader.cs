using Amazon.S3;
using Amazon.S3.Model;

namespace MedImaging.Aws.S3;

/// <summary>
/// Stores a <see cref="ChunkedUploadSource"/> in S3: one PutObject when the whole stream fits in one chunk (the
/// per-instance hot path), otherwise a multipart upload with one part per chunk, aborted when anything fails so no
/// partial object stays. Either way at most one chunk of the stream is in memory.
/// </summary>
public sealed class S3StreamUploader(IAmazonS3 s3)
{
    /// <summary>8 MiB: S3's minimum part size is 5 MiB, and fauxqs fails a single PutObject over 11 MiB.</summary>
    public const int PartSize = 8 * 1024 * 1024;

    public async Task<StoredObject> UploadAsync(
        string bucket, string key, string contentType, ChunkedUploadSource source, CancellationToken cancellationToken)
    {
        // A first chunk read short (to identify the file) grows to a whole part: S3 parts but the last are >= 5 MiB.
        if (!source.IsLastChunk && source.Current.Length < PartSize) await source.ExtendAsync(PartSize, cancellationToken);
        if (source.IsLastChunk && source.Current.Length <= PartSize)
        {
            using var body = ChunkStream.Over(source.Current);
            await s3.PutObjectAsync(new PutObjectRequest
            {
                BucketName = bucket, Key = key, ContentType = contentType, InputStream = body, UseChunkEncoding = S3Bodies.UseChunkEncoding,
            }, cancellationToken);
            return new StoredObject(bucket, key, source.TotalBytes, source.ContentSha256());
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
                foreach (var part in Parts(source.Current))
                    parts.Add(await UploadPartAsync(bucket, key, started.UploadId, parts.Count + 1, part, cancellationToken));
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

    /// <summary>
    /// A chunk longer than a part (a first chunk a reader extended) goes out as parts of about <see cref="PartSize"/>:
    /// every part but the upload's last must be at least 5 MiB (S3), and none much larger (fauxqs fails bodies over 11 MiB).
    /// A short remainder joins the part before it, or shares it evenly when together they exceed 10 MiB.
    /// </summary>
    internal static IEnumerable<ReadOnlyMemory<byte>> Parts(ReadOnlyMemory<byte> chunk)
    {
        const int minimum = 5 * 1024 * 1024;
        var full = chunk.Length / PartSize;
        var remainder = chunk.Length % PartSize;
        if (full == 0 || remainder == 0 || remainder >= minimum)
        {
            for (var offset = 0; offset < chunk.Length; offset += PartSize) yield return chunk[offset..Math.Min(chunk.Length, offset + PartSize)];
            yield break;
        }
        for (var i = 0; i < full - 1; i++) yield return chunk.Slice(i * PartSize, PartSize);
        var tail = chunk[((full - 1) * PartSize)..];
        if (tail.Length <= 2 * minimum) yield return tail;
        else
        {
            yield return tail[..(tail.Length / 2)];
            yield return tail[(tail.Length / 2)..];
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
