using System.Security.Cryptography;
using Amazon.S3;
using MedImaging.Aws.Studies;
using MedImaging.Silo.Runtime;

namespace MedImaging.Silo.Grains;

/// <summary>
/// The study grain: records each instance with its step timeline and completes the study once it is
/// finalized and every instance is done or failed. A redelivered message changes nothing.
/// </summary>
public sealed class StudyGrain(
    IPersistentState<StudyState> state,
    IAmazonS3 s3,
    TimeProvider clock,
    ILogger<StudyGrain> logger) : Grain, IStudyGrain
{
    private const int MaxTimelineEvents = 50;

    public async Task InstanceReceived(InstanceReceived message)
    {
        var now = clock.GetUtcNow();
        var study = state.State.Study ?? StudyRecord.New(GetPrimaryKeyString(), message.ReceivedAt);
        var studyRef = StudyKeys.LogRef(study.StudyKey);
        if (state.State.Instances.TryGetValue(message.InstanceId, out var known))
        {
            if (known.ContentSha256 == message.ContentSha256)
            {
                StudyGrainLog.DuplicateInstance(logger, studyRef);
                return;
            }
            StudyGrainLog.InstanceConflict(logger, studyRef);
            state.State.Study = study with { UpdatedAt = now, Timeline = Append(study.Timeline, new StudyEvent("instance-conflict", now, message.InstanceId)) };
            await state.WriteStateAsync();
            return;
        }

        var instance = await VerifyAsync(message);
        now = clock.GetUtcNow();
        state.State.Instances[instance.InstanceId] = instance;
        if (study.Status is StudyStatus.Completed or StudyStatus.Failed)
        {
            study = study with
            {
                Status = StudyStatus.Received, CompletedAt = null, FinalizeRequested = false, ExpectedInstances = null,
                Timeline = Append(study.Timeline, new StudyEvent("reopened", now)),
            };
        }
        if (study.Timeline is null or { Count: 0 }) study = study with { Timeline = [new StudyEvent("received", message.ReceivedAt)] };
        state.State.Study = TryComplete(study with { UpdatedAt = now }, now);
        await state.WriteStateAsync();
        StudyGrainLog.InstanceRecorded(logger, studyRef, instance.Status, state.State.Instances.Count);
    }

    public async Task Finalize(FinalizeStudy message)
    {
        if (message.QuietSince is { } quietSince)
        {
            await FinalizeAfterQuietPeriod(quietSince);
            return;
        }
        var now = clock.GetUtcNow();
        var study = state.State.Study ?? StudyRecord.New(GetPrimaryKeyString(), now);
        if (study.FinalizeRequested && study.ExpectedInstances == message.ExpectedInstances && study.Status is StudyStatus.Completed or StudyStatus.Failed)
            return;
        study = study with
        {
            FinalizeRequested = true,
            ExpectedInstances = message.ExpectedInstances,
            UpdatedAt = now,
            Timeline = Append(study.Timeline, new StudyEvent("finalize-requested", now, message.ExpectedInstances?.ToString())),
        };
        state.State.Study = TryComplete(study, now);
        await state.WriteStateAsync();
    }

    // The timer read the study at quietSince; anything since (an instance, a finalize) restarts the quiet period.
    // Waiting ends here: an expected count not reached no longer holds the study open.
    private async Task FinalizeAfterQuietPeriod(DateTimeOffset quietSince)
    {
        if (state.State.Study is not { Status: StudyStatus.Received } study || study.UpdatedAt > quietSince)
            return;
        var now = clock.GetUtcNow();
        study = study with
        {
            FinalizeRequested = true,
            ExpectedInstances = null,
            UpdatedAt = now,
            Timeline = Append(study.Timeline, new StudyEvent("quiet-period-elapsed", now)),
        };
        if (state.State.Instances.Count == 0)
        {
            // Only the Api's stub exists: its upload never reached the queue.
            study = study with { Status = StudyStatus.Failed, CompletedAt = now, Timeline = Append(study.Timeline, new StudyEvent(StudyStatus.Failed, now, "no instances")) };
        }
        state.State.Study = TryComplete(study, now);
        await state.WriteStateAsync();
    }

    private StudyRecord TryComplete(StudyRecord study, DateTimeOffset now)
    {
        var instances = state.State.Instances.Values;
        var finished = instances.Count(i => i.Status is InstanceStatus.Done or InstanceStatus.Failed);
        if (!study.FinalizeRequested || study.Status is StudyStatus.Completed or StudyStatus.Failed
            || finished < instances.Count || instances.Count < (study.ExpectedInstances ?? 1))
        {
            return study;
        }
        var status = instances.All(i => i.Status == InstanceStatus.Failed) ? StudyStatus.Failed : StudyStatus.Completed;
        StudyGrainLog.StudyFinished(logger, StudyKeys.LogRef(study.StudyKey), status, instances.Count);
        return study with { Status = status, CompletedAt = now, Timeline = Append(study.Timeline, new StudyEvent(status, now)) };
    }

    // The "verify" step: the stored bytes are the ones the Api hashed. Transient S3 errors throw, so the
    // message comes back and the turn is retried; a missing or altered object fails the instance for good.
    private async Task<InstanceRecord> VerifyAsync(InstanceReceived message)
    {
        var started = clock.GetUtcNow();
        string? error = null;
        try
        {
            using var response = await s3.GetObjectAsync(message.Bucket, message.ObjectKey);
            using var sha256 = SHA256.Create();
            var hash = Convert.ToHexStringLower(await sha256.ComputeHashAsync(response.ResponseStream));
            if (hash != message.ContentSha256) error = "The stored object's content hash differs from the uploaded one.";
        }
        catch (AmazonS3Exception e) when (e.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            error = "The uploaded object is missing from the ingest bucket.";
        }
        var ended = clock.GetUtcNow();
        var step = new StepRecord("verify", 1, started, ended, error is null ? StepOutcome.Succeeded : StepOutcome.Failed, error);
        return new InstanceRecord(
            message.InstanceId, error is null ? InstanceStatus.Done : InstanceStatus.Failed, message.Bucket, message.ObjectKey,
            message.ContentType, message.Size, message.ContentSha256, message.ReceivedAt, ended, [step], error);
    }

    private static IReadOnlyList<StudyEvent> Append(IReadOnlyList<StudyEvent>? timeline, StudyEvent next) =>
        [.. (timeline ?? []).TakeLast(MaxTimelineEvents - 1), next];
}
