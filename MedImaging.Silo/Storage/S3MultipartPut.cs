using Amazon.S3;
using Amazon.S3.Model;
using MedImaging.Aws.S3;

namespace MedImaging.Silo.Storage;

/// <summary>
/// One object written as a multipart upload, part by part (from the object in memory, with no copy, or from a stream
/// through one part-sized buffer), aborted when anything fails so that no partial object or orphaned upload stays.
/// </summary>
internal static class S3MultipartPut
{
    /// <summary>8 MiB: above S3's 5 MiB minimum part, below fauxqs' 11 MiB single-request limit.</summary>
    public const int PartSize = 8 * 1024 * 1024;

    public static async Task PutAsync(IAmazonS3 s3, string bucket, string key, ReadOnlyMemory<byte> content, string contentType, CancellationToken cancellationToken)
    {
        var started = await s3.InitiateMultipartUploadAsync(new InitiateMultipartUploadRequest
        {
            BucketName = bucket, Key = key, ContentType = contentType,
        }, cancellationToken);
        try
        {
            var parts = new List<PartETag>();
            for (var offset = 0; offset < content.Length; offset += PartSize)
            {
                var part = content.Slice(offset, Math.Min(PartSize, content.Length - offset));
                using var body = ChunkStream.Over(part);
                var uploaded = await s3.UploadPartAsync(new UploadPartRequest
                {
                    BucketName = bucket, Key = key, UploadId = started.UploadId, PartNumber = parts.Count + 1, InputStream = body,
                    UseChunkEncoding = S3Bodies.UseChunkEncoding,
                }, cancellationToken);
                parts.Add(new PartETag(parts.Count + 1, uploaded.ETag));
            }
            await s3.CompleteMultipartUploadAsync(new CompleteMultipartUploadRequest
            {
                BucketName = bucket, Key = key, UploadId = started.UploadId, PartETags = parts,
            }, cancellationToken);
        }
        catch
        {
            // CancellationToken.None: the abort must run even when the step was cancelled.
            await s3.AbortMultipartUploadAsync(new AbortMultipartUploadRequest
            {
                BucketName = bucket, Key = key, UploadId = started.UploadId,
            }, CancellationToken.None);
            throw;
        }
    }

    /// <summary>
    /// Reads <paramref name="content"/> to its end one part at a time into one buffer: content that fits in one part is
    /// written by <paramref name="putSingle"/> (one PUT), anything longer as a multipart upload.
    /// </summary>
    public static async Task PutAsync(IAmazonS3 s3, string bucket, string key, Stream content, string contentType,
        Func<ReadOnlyMemory<byte>, CancellationToken, Task> putSingle, CancellationToken cancellationToken)
    {
        var buffer = new byte[PartSize];
        var filled = await content.ReadAtLeastAsync(buffer, PartSize, throwOnEndOfStream: false, cancellationToken);
        if (filled < PartSize)
        {
            await putSingle(buffer.AsMemory(0, filled), cancellationToken);
            return;
        }

        var started = await s3.InitiateMultipartUploadAsync(new InitiateMultipartUploadRequest
        {
            BucketName = bucket, Key = key, ContentType = contentType,
        }, cancellationToken);
        try
        {
            var parts = new List<PartETag>();
            while (filled > 0)
            {
                using (var body = ChunkStream.Over(buffer.AsMemory(0, filled)))
                {
                    var uploaded = await s3.UploadPartAsync(new UploadPartRequest
                    {
                        BucketName = bucket, Key = key, UploadId = started.UploadId, PartNumber = parts.Count + 1, InputStream = body,
                        UseChunkEncoding = S3Bodies.UseChunkEncoding,
                    }, cancellationToken);
                    parts.Add(new PartETag(parts.Count + 1, uploaded.ETag));
                }
                filled = await content.ReadAtLeastAsync(buffer, PartSize, throwOnEndOfStream: false, cancellationToken);
            }
            await s3.CompleteMultipartUploadAsync(new CompleteMultipartUploadRequest
            {
                BucketName = bucket, Key = key, UploadId = started.UploadId, PartETags = parts,
            }, cancellationToken);
        }
        catch
        {
            // CancellationToken.None: the abort must run even when the step was cancelled.
            await s3.AbortMultipartUploadAsync(new AbortMultipartUploadRequest
            {
                BucketName = bucket, Key = key, UploadId = started.UploadId,
            }, CancellationToken.None);
            throw;
        }
    }
}
