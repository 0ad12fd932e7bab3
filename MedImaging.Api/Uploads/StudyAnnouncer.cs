using MedImaging.Api.Studies;
using MedImaging.Studies;

namespace MedImaging.Api.Uploads;

/// <summary>
/// Hands each study's instances of an accepted upload to the study's grain (the last one also saying, if asked, that
/// the study is whole), one call per study, all studies at once. Called only once every object is stored: a grain
/// never hears of bytes that are not there. Returns once every grain has saved its instances, so the 202 that follows
/// promises only what is durable. An instance the grain already has with the same content is a repeat: announcing the
/// same upload twice changes nothing.
/// </summary>
public sealed class StudyAnnouncer(StudyGrainCalls grains, TimeProvider clock, ILogger<StudyAnnouncer> logger)
{
    /// <param name="finalizeRequestId">When set, each study is finalized under this request id.</param>
    /// <param name="expectInstances">Finalize with the number of distinct instances of this upload as the expected count.</param>
    /// <exception cref="StudyServiceUnavailableException">A study's grain did not answer.</exception>
    public async Task<UploadAccepted> AnnounceAsync(
        IReadOnlyList<AcceptedInstance> accepted, string? finalizeRequestId, bool expectInstances, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var byStudy = accepted.GroupBy(a => a.StudyKey).ToList();
        await Task.WhenAll(byStudy.Select(study =>
        {
            FinalizeRequest? finalize = finalizeRequestId is null
                ? null
                : new FinalizeRequest(finalizeRequestId, expectInstances ? study.Select(i => i.InstanceId).Distinct().Count() : null);
            var last = study.Last();
            var instances = study.Select(instance => new InstanceReceived(
                instance.StudyKey, instance.InstanceId, instance.Object.Bucket, instance.Object.Key, instance.ContentType,
                instance.Object.Size, instance.Object.ContentSha256, now, ReferenceEquals(instance, last) ? finalize : null)).ToList();
            return grains.CallAsync(() => grains.Study(study.Key).Receive(instances));
        }));
        foreach (var study in byStudy)
            UploadLog.UploadAccepted(logger, StudyKeys.LogRef(study.Key), study.Count(), study.Sum(i => i.Object.Size));
        var summaries = byStudy.Select(s => new AcceptedStudy(s.Key, StudyStatus.Received, s.Count())).ToList();
        return new UploadAccepted(summaries[0].Id, summaries[0].Status, summaries);
    }
}
