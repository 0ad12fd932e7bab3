using System.Net;
using Amazon.S3;
using Amazon.S3.Model;
using MedImaging.Api.Delivery;
using MedImaging.Api.Uploads;
using MedImaging.Aws.Configuration;

namespace MedImaging.Api.DirectUploads;

/// <summary>
/// Presigned multipart uploads into the ingest bucket: starts one per large declared file with a PUT URL per part, and
/// on completion has S3 assemble the object from the part ETags the client reports (no ListParts: not every S3 has it).
/// </summary>
public sealed class MultipartUploads(IAmazonS3 s3, UrlSigner signer, ResourceNames resources)
{
    public async Task<(MultipartFile File, IReadOnlyList<UploadPartTarget> Parts)> StartAsync(int index, string key, long size, long partSize, CancellationToken cancellationToken)
    {
        var started = await s3.InitiateMultipartUploadAsync(new InitiateMultipartUploadRequest { BucketName = resources.IngestBucket, Key = key }, cancellationToken);
        var file = new MultipartFile(index, started.UploadId, partSize, MultipartFile.PartCountFor(size, partSize));
        var parts = new List<UploadPartTarget>(file.PartCount);
        for (var number = 1; number <= file.PartCount; number++)
        {
            var offset = (number - 1) * partSize;
            var url = await signer.UploadPartAsync(resources.IngestBucket, key, started.UploadId, number);
            parts.Add(new UploadPartTarget(number, offset, Math.Min(partSize, size - offset), url.Url));
        }
        return (file, parts);
    }

    /// <summary>
    /// Has S3 assemble the object unless it already is (an earlier completion got that far). Refuses the file when the
    /// client listed no parts, not every part, or parts S3 does not recognise.
    /// </summary>
    public async Task AssembleAsync(string key, MultipartFile file, CompletedFile? completed, CancellationToken cancellationToken)
    {
        if (await ExistsAsync(key, cancellationToken)) return;
        if (completed?.Parts is not { Count: > 0 } parts)
            throw MultipartRejections.PartsNotListed(file.PartCount);
        var numbers = parts.Select(p => p.PartNumber).Order().ToList();
        if (!numbers.SequenceEqual(Enumerable.Range(1, file.PartCount)) || parts.Any(p => string.IsNullOrWhiteSpace(p.ETag)))
            throw MultipartRejections.PartsIncomplete(file.PartCount);
        try
        {
            await s3.CompleteMultipartUploadAsync(new CompleteMultipartUploadRequest
            {
                BucketName = resources.IngestBucket,
                Key = key,
                UploadId = file.UploadId,
                PartETags = parts.OrderBy(p => p.PartNumber).Select(p => new PartETag(p.PartNumber, p.ETag)).ToList(),
            }, cancellationToken);
        }
        catch (AmazonS3Exception error) when (error.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.NotFound or HttpStatusCode.Conflict)
        {
            throw MultipartRejections.NotAssembled(error.ErrorCode);
        }
    }

    private async Task<bool> ExistsAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            await s3.GetObjectMetadataAsync(resources.IngestBucket, key, cancellationToken);
            return true;
        }
        catch (AmazonS3Exception error) when (error.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }
    }
}
