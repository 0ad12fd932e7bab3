using MedImaging.Aws.Configuration;
using MedImaging.Aws.Dynamo;
using MedImaging.Aws.S3;
using MedImaging.Aws.Studies;
using MedImaging.Aws.StudyQueue;
using Microsoft.Extensions.Options;

namespace MedImaging.Api.Uploads;

/// <summary>
/// Accepts an upload: streams every file to the ingest bucket, then makes each study visible and tells its
/// grain about each instance. A refused file removes everything the request stored, so nothing half-done stays.
/// </summary>
public sealed class StudyUploader(
    S3StreamUploader uploader,
    StudyTable studies,
    IStudyQueue queue,
    ResourceNames resources,
    IOptions<UploadOptions> options,
    TimeProvider clock,
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
            UploadLog.UploadRefused(logger, accepted.Count, error.GetType().Name);
            throw error switch
            {
                UploadTooLargeException tooLarge => UploadRejectedException.TooLarge(tooLarge.LimitBytes),
                BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } => UploadRejectedException.TooLarge(options.Value.MaxRequestBytes),
                BadHttpRequestException bad => new UploadRejectedException(bad.StatusCode, "Malformed request", "The request body could not be read."),
                // A multipart body that ends early or breaks its format (or a client that went away).
                IOException or InvalidDataException => new UploadRejectedException(StatusCodes.Status400BadRequest, "Malformed request", "The request body is not well-formed."),
                _ => error,
            };
        }
        return await AnnounceAsync(accepted, finalize ? uploadId : null, cancellationToken);
    }

    private async Task<AcceptedInstance> StoreAsync(Stream file, string uploadId, CancellationToken cancellationToken)
    {
        using var source = await ChunkedUploadSource.OpenAsync(file, options.Value.MaxFileBytes, S3StreamUploader.PartSize, cancellationToken);
        if (source.TotalBytes == 0) throw UploadRejectedException.Empty();
        var kind = UploadedFileKinds.Detect(source.Current.Span);
        var identifiers = kind is UploadedFileKind.Dicom or UploadedFileKind.Unknown ? DicomIdentifiers.TryRead(source.Current) : null;
        // A dataset without the Part 10 preamble is still DICOM when its header reads.
        if (kind is UploadedFileKind.Unknown && identifiers is not null) kind = UploadedFileKind.Dicom;
        var (studyKey, instanceId) = kind switch
        {
            UploadedFileKind.Dicom => DicomKeys(identifiers),
            UploadedFileKind.Jpeg or UploadedFileKind.Png => (uploadId, StudyKeys.NewUploadId()),
            _ => throw UploadRejectedException.UnsupportedType(),
        };
        var stored = await uploader.UploadAsync(
            resources.IngestBucket, $"incoming/{studyKey}/{instanceId}", kind.ContentType(), source, cancellationToken);
        return new AcceptedInstance(studyKey, instanceId, kind.ContentType(), stored);
    }

    private static (string StudyKey, string InstanceId) DicomKeys((string StudyUid, string SopInstanceUid)? identifiers) =>
        identifiers is var (study, sop) && StudyKeys.IsDicomUid(study) && StudyKeys.IsDicomUid(sop)
            ? (study, sop)
            : throw UploadRejectedException.MissingIdentifiers();

    // Objects are stored before any message is sent: a grain never hears of bytes that are not there.
    private async Task<UploadAccepted> AnnounceAsync(List<AcceptedInstance> accepted, string? finalizeRequestId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var byStudy = accepted.GroupBy(a => a.StudyKey).ToList();
        foreach (var study in byStudy)
            await studies.CreateIfAbsentAsync(StudyRecord.New(study.Key, now), cancellationToken);
        foreach (var instance in accepted)
        {
            await queue.SendAsync(new InstanceReceived(
                instance.StudyKey, instance.InstanceId, instance.Object.Bucket, instance.Object.Key,
                instance.ContentType, instance.Object.Size, instance.Object.ContentSha256, now), cancellationToken: cancellationToken);
        }
        if (finalizeRequestId is not null)
        {
            foreach (var study in byStudy)
                await queue.SendAsync(new FinalizeStudy(study.Key, ExpectedInstances: null, finalizeRequestId), cancellationToken: cancellationToken);
        }
        foreach (var study in byStudy)
            UploadLog.UploadAccepted(logger, StudyKeys.LogRef(study.Key), study.Count(), study.Sum(i => i.Object.Size));
        var summaries = byStudy.Select(s => new AcceptedStudy(s.Key, StudyStatus.Received, s.Count())).ToList();
        return new UploadAccepted(summaries[0].Id, summaries[0].Status, summaries);
    }
}
