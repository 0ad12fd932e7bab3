using MedImaging.Api.Studies;
using MedImaging.Aws.Configuration;
using MedImaging.Aws.S3;
using MedImaging.Studies;
using Microsoft.Extensions.Options;

namespace MedImaging.Api.Uploads;

/// <summary>
/// Accepts an upload: streams every file to the ingest bucket under its study's prefix (which makes the study
/// then hands each study's instances to its grain. A refused file, or no silo to take the upload, removes everything
/// the request stored, so nothing half-done stays.
/// </summary>
public sealed class StudyUploader(
    S3StreamUploader uploader,
    StudyAnnouncer announcer,
    ResourceNames resources,
    IOptions<UploadOptions> options,
    ILogger<StudyUploader> logger)
{
    /// <param name="finalize">The request carries whole studies: each completes once its instances are handled.</param>
    public async Task<UploadAccepted> UploadAsync(HttpRequest request, bool finalize, CancellationToken cancellationToken)
    {
        var uploadId = StudyKeys.NewUploadId();
        var accepted = new List<AcceptedInstance>();
        try
        {
            await foreach (var file in UploadedFiles.ReadAsync(request, cancellationToken))
            {
                if (accepted.Count == options.Value.MaxFilesPerRequest) throw UploadRejectedException.TooManyFiles(options.Value.MaxFilesPerRequest);
                accepted.Add(await StoreAsync(file, uploadId, cancellationToken));
            }
            if (accepted.Count == 0) throw UploadRejectedException.Empty();
        }
        catch (Exception error) when (error is UploadRejectedException or UploadTooLargeException or BadHttpRequestException or IOException or InvalidDataException or OperationCanceledException)
        {
            await uploader.DeleteAsync(accepted.Select(a => a.Object), CancellationToken.None);
            UploadLog.UploadRefused(logger, accepted.Count, error is UploadRejectedException rejected ? rejected.Type : error.GetType().Name);
            throw error switch
            {
                UploadTooLargeException tooLarge => UploadRejectedException.TooLarge(tooLarge.LimitBytes),
                BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } => UploadRejectedException.TooLarge(options.Value.MaxRequestBytes),
                BadHttpRequestException bad => UploadRejectedException.MalformedRequest(bad.StatusCode, "The request body could not be read."),
                // A multipart body that ends early or breaks its format (or a client that went away).
                IOException or InvalidDataException => UploadRejectedException.MalformedRequest(StatusCodes.Status400BadRequest, "The request body is not well-formed."),
                _ => error,
            };
        }
        try
        {
            return await announcer.AnnounceAsync(accepted, finalize ? uploadId : null, expectInstances: false, cancellationToken);
        }
        catch (StudyServiceUnavailableException)
        {
            await uploader.DeleteAsync(accepted.Select(a => a.Object), CancellationToken.None);
            UploadLog.UploadRefused(logger, accepted.Count, "study-service-unavailable");
            throw;
        }
    }

    private async Task<AcceptedInstance> StoreAsync(Stream file, string uploadId, CancellationToken cancellationToken)
    {
        using var incoming = await IncomingFile.OpenAsync(file, options.Value, uploadId, StudyKeys.NewUploadId(), cancellationToken);
        var identity = incoming.Identity;
        var stored = await uploader.UploadAsync(
            resources.IngestBucket, IngestKeys.Instance(identity.StudyKey, identity.InstanceId), identity.ContentType, incoming.Source, cancellationToken);
        return new AcceptedInstance(identity.StudyKey, identity.InstanceId, identity.ContentType, stored);
    }
}
