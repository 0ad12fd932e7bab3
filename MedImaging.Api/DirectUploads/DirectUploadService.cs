using System.Net;
using System.Security.Cryptography;
using System.Text;
using Amazon.S3;
using Amazon.S3.Model;
using MedImaging.Api.Delivery;
using MedImaging.Api.Uploads;
using MedImaging.Aws.Configuration;
using MedImaging.Aws.S3;
using MedImaging.Studies;
using Microsoft.Extensions.Options;

namespace MedImaging.Api.DirectUploads;

/// <summary>
/// Seed 001's flow for large files: the client declares its files, PUTs each one straight to S3 with a presigned
/// URL (a file above the multipart threshold part by part, one presigned URL per part), then completes. Completion
/// has S3 assemble multipart files from the ETags the client lists, then streams every object once in 8 MiB chunks
/// (SHA-256, size limit, header-only DICOM parse: memory stays one chunk whatever the file size), and only when all of
/// them are acceptable announces them exactly as a multipart upload would.
/// </summary>
public sealed class DirectUploadService(
    IAmazonS3 s3,
    UrlSigner signer,
    MultipartUploads multipart,
    UploadManifestStore manifests,
    StudyAnnouncer announcer,
    ResourceNames resources,
    IOptions<UploadOptions> uploadOptions,
    IOptions<DeliveryOptions> deliveryOptions,
    TimeProvider clock,
    ILogger<DirectUploadService> logger)
{
    public async Task<UploadCreated> CreateAsync(IReadOnlyList<DeclaredFile> files, bool finalize, CancellationToken cancellationToken)
    {
        var id = StudyKeys.NewUploadId();
        var now = clock.GetUtcNow();
        var limits = uploadOptions.Value;
        var targets = new List<UploadTarget>(files.Count);
        var multipartFiles = new List<MultipartFile>();
        for (var index = 0; index < files.Count; index++)
        {
            var key = UploadManifest.FileKey(id, index);
            var size = files[index].Size;
            if (size > limits.MultipartThresholdBytes)
            {
                var (file, parts) = await multipart.StartAsync(index, key, size, MultipartFile.PartSizeFor(size, limits.MultipartPartBytes), cancellationToken);
                multipartFiles.Add(file);
                targets.Add(new UploadTarget(index, files[index].Name, size, "PUT", null, parts));
                continue;
            }
            var url = await signer.UploadAsync(resources.IngestBucket, key);
            targets.Add(new UploadTarget(index, files[index].Name, size, "PUT", url.Url));
        }
        var manifest = new UploadManifest(id, now, now + deliveryOptions.Value.UploadUrlExpiry, finalize, files, multipartFiles.Count > 0 ? multipartFiles : null);
        await manifests.SaveAsync(manifest, cancellationToken);
        DirectUploadLog.Created(logger, id, files.Count, files.Sum(f => f.Size));
        return new UploadCreated(id, manifest.ExpiresAt, targets, $"/api/uploads/{id}/complete");
    }

    public async Task<CompletionOutcome> CompleteAsync(string id, CompleteUploadRequest? request, CancellationToken cancellationToken)
    {
        if (!StudyKeys.IsUploadId(id) || await manifests.LoadAsync(id, cancellationToken) is not { } manifest)
            return new CompletionOutcome.UnknownUpload();
        if (await manifests.LoadCompletedAsync(id, cancellationToken) is { } earlier)
            return new CompletionOutcome.Accepted(earlier, AlreadyCompleted: true);

        var accepted = new List<AcceptedInstance>();
        var refused = new List<RefusedFile>();
        for (var index = 0; index < manifest.Files.Count; index++)
        {
            try
            {
                if (manifest.Multipart?.FirstOrDefault(m => m.Index == index) is { } parts)
                    await multipart.AssembleAsync(UploadManifest.FileKey(id, index), parts, request?.Files?.FirstOrDefault(f => f.Index == index), cancellationToken);
                accepted.Add(await InspectAsync(id, index, manifest.Files[index], cancellationToken));
            }
            catch (UploadRejectedException rejected)
            {
                refused.Add(new RefusedFile(index, rejected.StatusCode, rejected.Title, rejected.Message, rejected.Type, rejected.Limit));
            }
        }
        if (refused.Count > 0)
        {
            DirectUploadLog.Refused(logger, id, refused.Count);
            return new CompletionOutcome.Refused(refused);
        }

        var announced = await announcer.AnnounceAsync(accepted, manifest.Finalize ? id : null, expectInstances: true, cancellationToken);
        await manifests.SaveCompletedAsync(id, announced, cancellationToken);
        return new CompletionOutcome.Accepted(announced, AlreadyCompleted: false);
    }

    private async Task<AcceptedInstance> InspectAsync(string id, int index, DeclaredFile declared, CancellationToken cancellationToken)
    {
        var key = UploadManifest.FileKey(id, index);
        GetObjectResponse response;
        try
        {
            response = await s3.GetObjectAsync(resources.IngestBucket, key, cancellationToken);
        }
        catch (AmazonS3Exception error) when (error.StatusCode == HttpStatusCode.NotFound)
        {
            throw DirectUploadRejections.NotUploaded();
        }
        using (response)
        {
            var limit = uploadOptions.Value.MaxFileBytes;
            // Refused from the object's length alone: an oversized object is never read.
            if (response.ContentLength > limit) throw UploadRejectedException.TooLarge(limit);
            if (response.ContentLength != declared.Size) throw DirectUploadRejections.SizeMismatch(declared.Size, response.ContentLength);
            if (response.ContentLength == 0) throw UploadRejectedException.Empty();

            using var source = await OpenAsync(response.ResponseStream, limit, cancellationToken);
            var identity = await FileIdentification.IdentifyAsync(source, uploadOptions.Value.MaxHeaderBytes, id, ImageId(id, index), cancellationToken);
            identity.CheckLength(response.ContentLength);
            while (await source.MoveNextAsync(cancellationToken)) { }
            return new AcceptedInstance(identity.StudyKey, identity.InstanceId, identity.ContentType,
                new StoredObject(resources.IngestBucket, key, source.TotalBytes, source.ContentSha256()));
        }
    }

    private static async Task<ChunkedUploadSource> OpenAsync(Stream stream, long limit, CancellationToken cancellationToken)
    {
        try
        {
            return await ChunkedUploadSource.OpenAsync(stream, limit, S3StreamUploader.PartSize, cancellationToken);
        }
        catch (UploadTooLargeException)
        {
            throw UploadRejectedException.TooLarge(limit);
        }
    }

    // Deterministic, so completing twice names a plain image the same way (and its message deduplicates).
    private static string ImageId(string uploadId, int index) =>
        "u" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{uploadId}/{index}")).AsSpan(0, 16));
}
