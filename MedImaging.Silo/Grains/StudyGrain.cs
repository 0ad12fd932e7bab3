using MedImaging.Aws.Studies;
using MedImaging.Aws.StudyQueue;
using MedImaging.Pipeline.Execution;
using MedImaging.Pipeline.Steps;
using MedImaging.Silo.Instances;
using MedImaging.Silo.Publishing;
using MedImaging.Silo.Runtime;
using InstanceStatus = MedImaging.Aws.Studies.InstanceStatus;

namespace MedImaging.Silo.Grains;

/// <summary>
/// The study grain: records each instance, runs its pipeline steps (validate ... publish) and keeps its step timeline,
/// schedules retries as delayed messages to itself, dead-letters instances that fail for good, and completes and
/// publishes the study once it is finalized and every instance is done or failed. A turn saves once, at its end:
/// every step writes to a deterministic key, so a turn cut short by a crash simply runs again on redelivery.
/// Messages to the queue are sent before the save, so a saved state never waits for a timer that was not sent.
/// </summary>
public sealed class StudyGrain(
    IPersistentState<StudyState> state,
    InstanceRunner runner,
    StudyNotifier notifier,
    IStudyQueue queue,
    Pseudonymizer pseudonyms,
    TimeProvider clock,
    ILogger<StudyGrain> logger) : Grain, IStudyGrain
{
    private const int MaxTimelineEvents = 50;

    public Task InstanceReceived(InstanceReceived message) => RunInstances([message]);

    public async Task RunInstances(IReadOnlyList<StudyMessage> messages, bool firstDelivery = false)
    {
        var study = state.State.Study
                    ?? StudyRecord.New(GetPrimaryKeyString(), messages.OfType<InstanceReceived>().Select(m => m.ReceivedAt).DefaultIfEmpty(clock.GetUtcNow()).Min());
        if (study.Timeline is null or { Count: 0 }) study = study with { Timeline = [new StudyEvent("received", study.CreatedAt)] };
        var studyRef = StudyKeys.LogRef(study.StudyKey);
        var due = new Dictionary<string, InstanceRecord>(StringComparer.Ordinal);
        var admittedNow = new HashSet<string>(StringComparer.Ordinal);
        var changed = state.State.Study is null;
        foreach (var message in messages)
        {
            switch (message)
            {
                case InstanceReceived received:
                    (study, var admitted, var conflict) = Admit(study, received);
                    changed |= admitted is not null || conflict;
                    if (admitted is not null)
                    {
                        due[admitted.InstanceId] = admitted;
                        admittedNow.Add(admitted.InstanceId);
                    }
                    if (received.ThenFinalize is { } finalize && WithFinalizeRequested(study, finalize.ExpectedInstances, clock.GetUtcNow()) is { } finalized)
                    {
                        study = finalized;
                        changed = true;
                    }
                    break;
                case ContinueInstance timer when !due.ContainsKey(timer.InstanceId) && IsDue(timer) is { } record:
                    due[record.InstanceId] = record;
                    changed = true;
                    break;
                default:
                    StudyGrainLog.NothingDue(logger, studyRef, message.GetType().Name);
                    break;
            }
        }
        if (!changed) return;

        var runs = await Task.WhenAll(due.Values.Select(async record =>
            (Record: record, Run: await runner.RunAsync(InstanceRecords.Progress(record)!, record.ContentSha256,
                firstDelivery && admittedNow.Contains(record.InstanceId), CancellationToken.None))));
        var now = clock.GetUtcNow();
        foreach (var (record, run) in runs)
        {
            var updated = InstanceRecords.Apply(record, run, pseudonyms, now);
            state.State.Instances[updated.InstanceId] = updated;
            await FollowUpAsync(study.StudyKey, updated, run);
        }
        state.State.Study = await CompleteIfFinishedAsync(study with { UpdatedAt = now }, now);
        await state.WriteStateAsync();
    }

    public async Task Finalize(FinalizeStudy message)
    {
        if (message.QuietSince is { } quietSince)
        {
            await FinalizeAfterQuietPeriod(quietSince);
            return;
        }
        var now = clock.GetUtcNow();
        if (WithFinalizeRequested(state.State.Study ?? StudyRecord.New(GetPrimaryKeyString(), now), message.ExpectedInstances, now) is not { } study)
            return;
        state.State.Study = await CompleteIfFinishedAsync(study, now);
        await state.WriteStateAsync();
    }

    /// <returns>Null when the study already ended under this very finalize: nothing to change.</returns>
    private static StudyRecord? WithFinalizeRequested(StudyRecord study, int? expectedInstances, DateTimeOffset now)
    {
        if (study.FinalizeRequested && study.ExpectedInstances == expectedInstances && study.Status is StudyStatus.Completed or StudyStatus.Failed)
            return null;
        return study with
        {
            FinalizeRequested = true,
            ExpectedInstances = expectedInstances,
            UpdatedAt = now,
            Timeline = Append(study.Timeline, new StudyEvent("finalize-requested", now, expectedInstances?.ToString())),
        };
    }

    public async Task RetryWebhook(RetryWebhook message)
    {
        var delivery = await notifier.RetryWebhookAsync(message, CancellationToken.None);
        if (delivery is null || state.State.Study is not { } study) return;
        state.State.Study = WithDelivery(study, "webhook", delivery, study.Webhook, (s, d) => s with { Webhook = d });
        await state.WriteStateAsync();
    }

    public async Task RetryNotification(RetryNotification message)
    {
        var delivery = await notifier.RetryNotificationAsync(message, CancellationToken.None);
        if (state.State.Study is not { } study) return;
        state.State.Study = WithDelivery(study, "notification", delivery, study.Notification, (s, d) => s with { Notification = d });
        await state.WriteStateAsync();
    }

    // Runs only while the study still stands at the completion that scheduled it and that attempt is not made yet: a
    // repeated timer, or one of a completion the study has since reopened from, has nothing to do.
    public async Task RetryReport(RetryReport message)
    {
        if (state.State.Study is not { Status: StudyStatus.Completed or StudyStatus.Failed, ReportDelivery: { } report } study
            || report.DeliveryId != message.DeliveryId || report.Status != DeliveryStatus.Retrying || report.Attempts >= message.Attempt)
        {
            StudyGrainLog.NothingDue(logger, StudyKeys.LogRef(message.StudyKey), nameof(Aws.Studies.RetryReport));
            return;
        }
        var outcome = await notifier.RetryReportAsync(message, study.Status, Progress(), study.CompletedAt ?? study.UpdatedAt, CancellationToken.None);
        if (outcome is null) return;
        state.State.Study = WithPublication(study, outcome);
        await state.WriteStateAsync();
    }

    // A late attempt of an older delivery (the study reopened and completed again since) is in the timeline only. The
    // current completion's delivery id is the one its report carries, even before the notification's first attempt.
    private StudyRecord WithDelivery(StudyRecord study, string channel, DeliveryStatus delivery, DeliveryStatus? current,
        Func<StudyRecord, DeliveryStatus, StudyRecord> set)
    {
        var updated = study with { Timeline = Append(study.Timeline, DeliveryEvent(channel, delivery)) };
        var currentId = current?.DeliveryId ?? study.ReportDelivery?.DeliveryId;
        return currentId is null || currentId == delivery.DeliveryId ? set(updated, delivery) : updated;
    }

    private static StudyEvent DeliveryEvent(string channel, DeliveryStatus delivery) =>
        new($"{channel}-{delivery.Status}", delivery.UpdatedAt,
            delivery.Error is null ? $"attempt {delivery.Attempts}" : $"attempt {delivery.Attempts}: {delivery.Error}");

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
        state.State.Study = await CompleteIfFinishedAsync(study, now);
        await state.WriteStateAsync();
    }

    // Same instance id and hash: a redelivery or an identical upload, nothing to do. Same id, other content: a conflict.
    private (StudyRecord Study, InstanceRecord? Admitted, bool Conflict) Admit(StudyRecord study, InstanceReceived message)
    {
        var now = clock.GetUtcNow();
        var studyRef = StudyKeys.LogRef(study.StudyKey);
        if (state.State.Instances.TryGetValue(message.InstanceId, out var known))
        {
            if (known.ContentSha256 == message.ContentSha256)
            {
                StudyGrainLog.DuplicateInstance(logger, studyRef);
                return (study, null, false);
            }
            StudyGrainLog.InstanceConflict(logger, studyRef);
            return (study with { UpdatedAt = now, Timeline = Append(study.Timeline, new StudyEvent("instance-conflict", now, message.InstanceId)) }, null, true);
        }

        var record = InstanceRecords.Start(message, now);
        state.State.Instances[record.InstanceId] = record;
        if (study.Status is StudyStatus.Completed or StudyStatus.Failed)
        {
            study = study with
            {
                Status = StudyStatus.Received, CompletedAt = null, FinalizeRequested = false, ExpectedInstances = null,
                Timeline = Append(study.Timeline, new StudyEvent("reopened", now)),
            };
        }
        return (study, record, false);
    }

    // A retry timer runs only while its instance still waits at that step and attempt; an older or repeated one is ignored.
    private InstanceRecord? IsDue(ContinueInstance timer) =>
        state.State.Instances.TryGetValue(timer.InstanceId, out var record)
        && record.Status == InstanceStatus.Processing
        && InstanceRecords.Progress(record) is { IsFinished: false, NextStep: { } step, Attempt: var attempt }
        && step.Slug() == timer.Step && attempt == timer.Attempt
            ? record
            : null;

    private async Task FollowUpAsync(string studyKey, InstanceRecord instance, InstanceRun run)
    {
        var studyRef = StudyKeys.LogRef(studyKey);
        if (run.RetryAfter is { } delay && run.Progress.NextStep is { } step)
        {
            await queue.SendAsync(new ContinueInstance(studyKey, instance.InstanceId, step.Slug(), run.Progress.Attempt), delay);
            StudyGrainLog.RetryScheduled(logger, studyRef, step.Slug(), run.Progress.Attempt, (int)delay.TotalSeconds);
        }
        else if (instance.Status == InstanceStatus.Failed)
        {
            // Its reason is in the timeline; the message goes where operators look for poison input.
            await queue.SendToDeadLetterAsync(InstanceRecords.OriginalMessage(studyKey, instance), run.Progress.FailureCode ?? "failed", CancellationToken.None);
            StudyGrainLog.InstanceFailed(logger, studyRef, run.Progress.FailureCode ?? "failed");
        }
        else
        {
            StudyGrainLog.InstanceRecorded(logger, studyRef, instance.Status, state.State.Instances.Count);
        }
    }

    // Publishing never holds the study back: a report write, notification or webhook that fails is recorded with the
    // study and retried by its own delayed messages, so the completed status is saved whatever S3, SNS or the receiver answer.
    private async Task<StudyRecord> CompleteIfFinishedAsync(StudyRecord study, DateTimeOffset now)
    {
        var completed = TryComplete(study, now);
        if (completed.Status == study.Status) return completed;
        var outcome = await notifier.PublishAsync(study.StudyKey, completed.Status, Progress(), completed.CompletedAt ?? now, CancellationToken.None);
        // This completion's deliveries start afresh: until they are attempted, nothing of an earlier completion shows.
        return WithPublication(completed with { ReportKey = null, Notification = null, Webhook = null }, outcome);
    }

    // A first attempt that succeeded is in ReportDelivery/Notification/Webhook only; retries and failures are in the
    // timeline too. "published" marks the report settled and the notification and webhook sent.
    private StudyRecord WithPublication(StudyRecord study, PublicationOutcome outcome)
    {
        var timeline = study.Timeline;
        if (outcome.Report is not { Status: DeliveryStatus.Delivered, Attempts: 1 }) timeline = Append(timeline, DeliveryEvent("report", outcome.Report));
        if (!outcome.IsSettled) return study with { ReportDelivery = outcome.Report, Timeline = timeline };
        timeline = Append(timeline, new StudyEvent("published", clock.GetUtcNow()));
        if (outcome.Notification is { Status: not DeliveryStatus.Delivered } notification) timeline = Append(timeline, DeliveryEvent("notification", notification));
        if (outcome.Webhook is { Status: not DeliveryStatus.Delivered } webhook) timeline = Append(timeline, DeliveryEvent("webhook", webhook));
        return study with
        {
            ReportKey = outcome.ReportKey, ReportDelivery = outcome.Report, Notification = outcome.Notification, Webhook = outcome.Webhook, Timeline = timeline,
        };
    }

    private List<InstanceProgress> Progress() => state.State.Instances.Values.Select(InstanceRecords.Progress).OfType<InstanceProgress>().ToList();

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
        // Counted once, on completion: every turn would read every instance's progress, a cost growing with the study.
        return study with
        {
            Status = status, CompletedAt = now, Outcomes = InstanceRecords.Outcomes(instances), Timeline = Append(study.Timeline, new StudyEvent(status, now)),
        };
    }

    private static IReadOnlyList<StudyEvent> Append(IReadOnlyList<StudyEvent>? timeline, StudyEvent next) =>
        [.. (timeline ?? []).TakeLast(MaxTimelineEvents - 1), next];
}
