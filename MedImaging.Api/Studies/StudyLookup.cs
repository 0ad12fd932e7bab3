using Amazon.S3;
using Amazon.S3.Model;
using MedImaging.Api.Uploads;
using MedImaging.Aws.Configuration;
using MedImaging.Aws.Dynamo;
using MedImaging.Aws.Studies;
using Microsoft.Extensions.Options;

namespace MedImaging.Api.Studies;

/// <summary>
/// Finds a study for the endpoints that read one: its item in DynamoDB or, until the grain's first save writes that
/// item, its accepted upload. An upload is accepted only once its files are stored under the study's ingest prefix,
/// so a client that got its 202 and asks at once sees the study as received, not a 404. The upload costs no write
/// for it: only a read that misses DynamoDB pays one S3 LIST.
/// </summary>
public sealed class StudyLookup(StudyTable studies, IAmazonS3 s3, ResourceNames resources, IOptions<UploadOptions> options, TimeProvider clock)
{
    /// <returns>The study, or null when the id is invalid or no study (nor recent accepted upload) has it.</returns>
    public async Task<StudySnapshot?> FindAsync(string id, CancellationToken cancellationToken)
    {
        if (!StudyKeys.IsValid(id)) return null;
        return await studies.LoadAsync(id, cancellationToken) ?? await FindAcceptedAsync(id, cancellationToken);
    }

    /// <summary>
    /// The study as its grain will first see it (received, created when its first file listed was stored, no instances
    /// yet, version 0): what the study item would say had the upload written it.
    /// </summary>
    private async Task<StudySnapshot?> FindAcceptedAsync(string id, CancellationToken cancellationToken)
    {
        var listed = await s3.ListObjectsV2Async(new ListObjectsV2Request
        {
            BucketName = resources.IngestBucket,
            Prefix = IngestKeys.StudyPrefix(id),
            MaxKeys = 1,
        }, cancellationToken);
        if (listed.S3Objects is not [{ LastModified: { } stored }, ..]) return null;
        var storedAt = new DateTimeOffset(stored.ToUniversalTime(), TimeSpan.Zero);
        return clock.GetUtcNow() - storedAt > options.Value.AcceptedStudyVisibility
            ? null
            : new StudySnapshot(StudyRecord.New(id, storedAt), [], 0);
    }
}
