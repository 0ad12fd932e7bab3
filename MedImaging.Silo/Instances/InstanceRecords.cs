using System.Runtime.CompilerServices;
using System.Text.Json;
using MedImaging.Studies;
using MedImaging.Pipeline.Execution;
using MedImaging.Pipeline.Steps;
using MedImaging.Pipeline.Storage;
using AwsInstanceStatus = MedImaging.Studies.InstanceStatus;
using AwsStepOutcome = MedImaging.Studies.StepOutcome;
using PipelineInstanceStatus = MedImaging.Pipeline.Execution.InstanceStatus;
using PipelineStepOutcome = MedImaging.Pipeline.Steps.StepOutcome;

namespace MedImaging.Silo.Instances;

/// <summary>Maps between the study table's instance items and the pipeline's progress of one instance.</summary>
public static class InstanceRecords
{
    // Progress JSON this silo wrote or read, with the progress it stands for, so a turn does not parse back what it (or
    // an earlier turn on this silo) just serialized: an instance's progress is written at admission and after its run,
    // and read before its run and again when the study completes. Keyed by the string object, which never changes, so
    // an entry cannot go stale; it goes when its string does.
    private static readonly ConditionalWeakTable<string, InstanceProgress> KnownProgress = new();

    /// <summary>A newly received instance, about to run its first step.</summary>
    public static InstanceRecord Start(InstanceReceived message, DateTimeOffset now)
    {
        var progress = InstanceProgress.Start(new InstanceWorkItem(message.StudyKey, message.InstanceId, new ObjectLocation(message.Bucket, message.ObjectKey)));
        return new InstanceRecord(message.InstanceId, AwsInstanceStatus.Processing, message.Bucket, message.ObjectKey, message.ContentType,
            message.Size, message.ContentSha256, message.ReceivedAt, now, [], null, Serialize(progress));
    }

    /// <summary>The pipeline's progress of an instance; null for an item written before the pipeline ran in the grain.</summary>
    public static InstanceProgress? Progress(InstanceRecord record)
    {
        if (record.Progress is not { Length: > 0 } json) return null;
        if (KnownProgress.TryGetValue(json, out var known)) return known;
        var progress = JsonSerializer.Deserialize(json, PipelineJson.Default.InstanceProgress);
        if (progress is not null) KnownProgress.AddOrUpdate(json, progress);
        return progress;
    }

    /// <summary>The record after a run: its progress, its appended steps, its status and, once finished, its result.</summary>
    public static InstanceRecord Apply(InstanceRecord record, InstanceRun run, Pseudonymizer pseudonyms, DateTimeOffset now)
    {
        var progress = run.Progress;
        var status = progress.Status switch
        {
            PipelineInstanceStatus.Completed => AwsInstanceStatus.Done,
            PipelineInstanceStatus.Failed => AwsInstanceStatus.Failed,
            _ => AwsInstanceStatus.Processing,
        };
        var result = progress.IsFinished
            ? JsonSerializer.Serialize(InstanceResult.From(progress, pseudonyms), PipelineJson.Default.InstanceResult)
            : null;
        return record with
        {
            Status = status,
            UpdatedAt = now,
            Steps = [.. record.Steps ?? [], .. run.Timeline.Select(ToStepRecord)],
            Error = progress.Status == PipelineInstanceStatus.Failed ? $"{progress.FailureCode}: {progress.FailureMessage}" : null,
            Progress = Serialize(progress),
            Result = result,
        };
    }

    /// <summary>How the finished instances ended: routed, routed to quarantine, or failed.</summary>
    public static InstanceOutcomes Outcomes(IEnumerable<InstanceRecord> instances)
    {
        var (done, quarantined, failed) = (0, 0, 0);
        foreach (var instance in instances)
        {
            if (instance.Status == AwsInstanceStatus.Failed) failed++;
            else if (instance.Status == AwsInstanceStatus.Done && IsQuarantined(instance)) quarantined++;
            else if (instance.Status == AwsInstanceStatus.Done) done++;
        }
        return new InstanceOutcomes(done, quarantined, failed);
    }

    public static bool IsQuarantined(InstanceRecord instance) =>
        Progress(instance)?.Routing?.Destination == MedImaging.Pipeline.Routing.Destination.Quarantine;

    /// <summary>The message the instance came with, rebuilt for the dead-letter queue.</summary>
    public static InstanceReceived OriginalMessage(string studyKey, InstanceRecord record) =>
        new(studyKey, record.InstanceId, record.Bucket, record.ObjectKey, record.ContentType, record.Size, record.ContentSha256, record.ReceivedAt);

    public static StepRecord ToStepRecord(TimelineEntry entry) => new(
        entry.Step.Slug(), entry.Attempt, entry.Start, entry.End,
        entry.Outcome switch
        {
            PipelineStepOutcome.Succeeded => AwsStepOutcome.Succeeded,
            PipelineStepOutcome.AlreadyDone => AwsStepOutcome.AlreadyDone,
            PipelineStepOutcome.RetryScheduled => AwsStepOutcome.Retrying,
            _ => AwsStepOutcome.Failed,
        },
        entry.Error);

    private static string Serialize(InstanceProgress progress)
    {
        var json = JsonSerializer.Serialize(progress, PipelineJson.Default.InstanceProgress);
        KnownProgress.AddOrUpdate(json, progress);
        return json;
    }
}
