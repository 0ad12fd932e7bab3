using MedImaging.Aws.Dynamo;
using MedImaging.Aws.Studies;
using MedImaging.Aws.StudyQueue;

namespace MedImaging.Api.Uploads;

/// <summary>
/// Tells each study's grain about each instance of an accepted upload (the last one also saying, if asked, that the
/// study is whole). Called only once every object is stored: a grain never hears of bytes that are not there.
/// A study whose files are stored under its own ingest prefix (<see cref="IngestKeys"/>) is already visible: the read
/// endpoints find it there until the grain's first save, so no study item is written per upload. Only files stored
/// elsewhere (direct uploads keep theirs under the upload id) have the study item created here.
/// Every message has a deterministic deduplication id, so announcing the same upload twice sends nothing new.
/// </summary>
public sealed class StudyAnnouncer(StudyTable studies, IStudyQueue queue, RecentStudies recent, TimeProvider clock, ILogger<StudyAnnouncer> logger)
{
    /// <summary>
    /// Says that an upload has begun and will be announced soon (dispose it after <see cref="AnnounceAsync"/>): under load the
    /// announcements of concurrent uploads then leave together in fewer queue requests.
    /// </summary>
    public IDisposable ExpectAnnouncement() => queue.ExpectSend();

    /// <param name="finalizeRequestId">When set, each study is finalized under this request id.</param>
    /// <param name="expectInstances">Finalize with the number of distinct instances of this upload as the expected count.</param>
    public async Task<UploadAccepted> AnnounceAsync(
        IReadOnlyList<AcceptedInstance> accepted, string? finalizeRequestId, bool expectInstances, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var byStudy = accepted.GroupBy(a => a.StudyKey).ToList();
        var created = new HashSet<string>(StringComparer.Ordinal);
        foreach (var study in byStudy)
        {
            var firstSighting = recent.FirstSighting(study.Key);
            var isNew = study.All(i => i.Object.Key == IngestKeys.Instance(i.StudyKey, i.InstanceId))
                ? firstSighting
                : await studies.CreateIfAbsentAsync(StudyRecord.New(study.Key, now), cancellationToken);
            if (isNew) created.Add(study.Key);
        }
        // The messages of all but the finalizing instances leave in batches; a study's finalizing message only once
        // they are all accepted, so a study is never finalized while one of its instances failed to be announced.
        var instanceMessages = new List<StudyMessage>();
        var finalizingMessages = new List<StudyMessage>();
        foreach (var study in byStudy)
        {
            // The study's last instance carries the finalize: the grain completes the study in that instance's turn.
            // Its first one says so when the study is new (created here, or first seen by this process): the grain then
            // starts from a new study without reading, its save conditional on the study being absent (or the stub).
            var first = study.First();
            var last = study.Last();
            FinalizeRequest? finalize = finalizeRequestId is null
                ? null
                : new FinalizeRequest(finalizeRequestId, expectInstances ? study.Select(i => i.InstanceId).Distinct().Count() : null);
            foreach (var instance in study)
            {
                var message = new InstanceReceived(
                    instance.StudyKey, instance.InstanceId, instance.Object.Bucket, instance.Object.Key,
                    instance.ContentType, instance.Object.Size, instance.Object.ContentSha256, now,
                    ReferenceEquals(instance, last) ? finalize : null,
                    NewStudy: ReferenceEquals(instance, first) && created.Contains(study.Key));
                (message.ThenFinalize is null ? instanceMessages : finalizingMessages).Add(message);
            }
        }
        await queue.SendAsync(instanceMessages, cancellationToken);
        await queue.SendAsync(finalizingMessages, cancellationToken);
        foreach (var study in byStudy)
            UploadLog.UploadAccepted(logger, StudyKeys.LogRef(study.Key), study.Count(), study.Sum(i => i.Object.Size));
        var summaries = byStudy.Select(s => new AcceptedStudy(s.Key, StudyStatus.Received, s.Count())).ToList();
        return new UploadAccepted(summaries[0].Id, summaries[0].Status, summaries);
    }
}
