using System.Diagnostics;
using MedImaging.Aws.Dynamo;
using MedImaging.Pipeline.Execution;
using MedImaging.Pipeline.Steps;
using MedImaging.Silo.DeadLetters;
using MedImaging.Silo.Instances;
using MedImaging.Silo.Publishing;
using MedImaging.Silo.Telemetry;
using MedImaging.Silo.Workers;
using MedImaging.Studies;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;
using InstanceStatus = MedImaging.Studies.InstanceStatus;

namespace MedImaging.Silo.Grains;

/// <summary>
/// The study grain: records each instance, has worker grains run its steps (up to
/// <see cref="StudyGrainOptions.MaxInstancesInFlight"/> at once) and keeps their outcomes, schedules retries for itself,
/// dead-letters instances that fail for good, and completes and publishes the study once it is finalized (or quiet)
/// and every instance is done or failed.
/// <para>
/// Calls return once what they changed is saved; runs go on in the background of the activation, and their results
/// are saved as they come, concurrent ones in one write. Every step writes to a deterministic key, so a run cut short
/// by a crash simply runs again. While the study has pending work it holds a reminder: if its silo dies, the reminder
/// activates it on another silo, which re-runs the runs that were lost and the retries that fell due.
/// </para>
/// <para>
/// Reentrant: calls interleave at their awaits (never run in parallel), so the uploads of a large study are admitted
/// while a save is in flight and share the next one instead of queueing for a save each. Every change to the state is
/// made between awaits, and what an await may change is read again after it.
/// </para>
/// </summary>
[Reentrant]
public sealed class StudyGrain(
    StudyTable table,
    StudyNotifier notifier,
    DeadLetterQueue deadLetters,
    IOptions<StudyGrainOptions> options,
    SiloTelemetry telemetry,
    TimeProvider clock,
    ILogger<StudyGrain> logger) : Grain, IStudyGrain, IRemindable, IStudyScheduler
{
    private const string ReminderName = "pending-work";
    private const int MaxTimelineEvents = 50;
    private const int MaxRecoveries = 5;

    private readonly StudyGrainOptions _options = options.Value;
    private readonly HashSet<string> _running = new(StringComparer.Ordinal);
    private readonly Queue<PendingRun> _waiting = new();
    private readonly HashSet<string> _waitingIds = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _recoveries = new(StringComparer.Ordinal);
    private StudyStateStore _state = null!;
    private Task _saving = Task.CompletedTask;
    private Task? _nextSave;
    private IGrainTimer? _timer;
    private DateTimeOffset? _timerDueAt;
    private bool _holdsReminder;
    private bool _publishing;

    private string Key => this.GetPrimaryKeyString();

    private string StudyRef => StudyKeys.LogRef(Key);

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _state = new StudyStateStore(table, Key);
        await _state.ReadAsync(cancellationToken);
        // Saved pending work was saved with its reminder held.
        _holdsReminder = HasPendingWork();
        if (_holdsReminder) ResumeLostRuns();
        ArmTimer();
    }

    public async Task Receive(IReadOnlyList<InstanceReceived> instances)
    {
        var started = Stopwatch.GetTimestamp();
        var now = clock.GetUtcNow();
        var study = _state.Study ?? StudyRecord.New(Key, instances.Select(i => i.ReceivedAt).DefaultIfEmpty(now).Min());
        if (study.Timeline is null or { Count: 0 }) study = study with { Timeline = [new StudyEvent("received", study.CreatedAt)] };
        var changed = _state.Study is null;
        var admitted = new List<InstanceRecord>();
        foreach (var received in instances)
        {
            (study, var record, var conflict) = Admit(study, received, now);
            changed |= record is not null || conflict;
            if (record is not null) admitted.Add(record);
            if (received.ThenFinalize is { } finalize && WithFinalizeRequested(study, finalize.ExpectedInstances, now) is { } finalized)
            {
                study = finalized;
                changed = true;
            }
        }
        if (!changed)
        {
            // A repeat: what it repeats may still be on its way to the table (an interleaved call admitted it).
            await (_nextSave ?? _saving);
            return;
        }
        _state.Study = study with { UpdatedAt = now };
        await CompleteIfFinishedAsync(now);
        // The runs start while the admission is saved: their results are saved after it (one write at a time), and
        // if it fails they carry the instances into the next write.
        foreach (var record in admitted) Enqueue(record.InstanceId, firstRun: true, readySince: now);
        Pump();
        await SaveAsync();
        ArmTimer();
        telemetry.TurnEnded(nameof(Receive), TurnOutcomes.Completed, Stopwatch.GetElapsedTime(started));
    }

    public async Task Finalize(FinalizeStudy message)
    {
        var now = clock.GetUtcNow();
        var study = _state.Study ?? StudyRecord.New(Key, now) with { Timeline = [new StudyEvent("received", now)] };
        if (WithFinalizeRequested(study, message.ExpectedInstances, now) is not { } finalized) return;
        _state.Study = finalized;
        await CompleteIfFinishedAsync(now);
        await SaveAsync();
        ArmTimer();
    }

    public async Task<bool> Redrive(InstanceReceived instance)
    {
        if (!_state.Instances.TryGetValue(instance.InstanceId, out var known))
        {
            await Receive([instance]);
            return true;
        }
        if (known.Status != InstanceStatus.Failed) return false;
        var now = clock.GetUtcNow();
        _state.Put(InstanceRecords.Start(instance with { ReceivedAt = known.ReceivedAt }, now) with { Steps = known.Steps });
        var study = _state.Study!;
        _state.Study = study with
        {
            Status = StudyStatus.Received, CompletedAt = null, UpdatedAt = now,
            Timeline = Append(study.Timeline, new StudyEvent("redriven", now, instance.InstanceId)),
        };
        _recoveries.Remove(instance.InstanceId);
        await SaveAsync();
        Enqueue(instance.InstanceId, firstRun: false, readySince: now);
        Pump();
        ArmTimer();
        return true;
    }

    public Task<StudySnapshot?> GetSnapshot() => Task.FromResult(_state.Snapshot());

    public Task ReceiveReminder(string reminderName, TickStatus status) => WakeUpAsync();

    void IStudyScheduler.Schedule(StudyMessage message, TimeSpan delay)
    {
        var study = _state.Study!;
        _state.Study = study with { Scheduled = [.. study.Scheduled ?? [], new ScheduledMessage(message, clock.GetUtcNow() + delay)] };
    }

    // Same instance id and hash: a repeat (a re-sent upload, a redelivered event), nothing to do. Same id, other content: a conflict.
    private (StudyRecord Study, InstanceRecord? Admitted, bool Conflict) Admit(StudyRecord study, InstanceReceived message, DateTimeOffset now)
    {
        if (_state.Instances.TryGetValue(message.InstanceId, out var known))
        {
            if (known.ContentSha256 == message.ContentSha256)
            {
                StudyGrainLog.DuplicateInstance(logger, StudyRef);
                return (study, null, false);
            }
            StudyGrainLog.InstanceConflict(logger, StudyRef);
            return (study with { UpdatedAt = now, Timeline = Append(study.Timeline, new StudyEvent("instance-conflict", now, message.InstanceId)) }, null, true);
        }

        var record = InstanceRecords.Start(message, now);
        _state.Put(record);
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

    private void Enqueue(string instanceId, bool firstRun, DateTimeOffset readySince)
    {
        if (_running.Contains(instanceId) || !_waitingIds.Add(instanceId)) return;
        _waiting.Enqueue(new PendingRun(instanceId, firstRun, readySince));
    }

    private void Pump()
    {
        while (_running.Count < _options.MaxInstancesInFlight && _waiting.TryDequeue(out var next))
        {
            _waitingIds.Remove(next.InstanceId);
            if (!_state.Instances.TryGetValue(next.InstanceId, out var record) || record.Status != InstanceStatus.Processing) continue;
            _running.Add(next.InstanceId);
            _ = RunAsync(record, next);
        }
    }

    // Runs in the activation's background: its continuations interleave with calls, never run in parallel with them.
    private async Task RunAsync(InstanceRecord record, PendingRun run)
    {
        var started = clock.GetUtcNow();
        telemetry.RunStarted(started - run.ReadySince);
        var outcome = TurnOutcomes.Completed;
        try
        {
            InstanceRunResult result;
            try
            {
                var worker = GrainFactory.GetGrain<IInstanceWorkerGrain>($"{Key}/{record.InstanceId}/{_recoveries.GetValueOrDefault(record.InstanceId)}");
                result = await worker.Run(new InstanceWork(Key, record, run.FirstRun));
            }
            catch (Exception error)
            {
                outcome = TurnOutcomes.Failed;
                RecoverRun(record, error);
                return;
            }
            _recoveries.Remove(record.InstanceId);
            _running.Remove(record.InstanceId);
            await ApplyAsync(result);
        }
        catch (Exception error)
        {
            outcome = TurnOutcomes.Failed;
            StudyGrainLog.SaveFailed(logger, StudyRef, error.GetType().Name, error);
            OnSaveFailed(error);
        }
        finally
        {
            _running.Remove(record.InstanceId);
            telemetry.TurnEnded("InstanceRun", outcome, clock.GetUtcNow() - started);
            Pump();
        }
    }

    // The worker's silo died or the call failed: the run goes again after a pause, to a worker placed anew (a new key:
    // the old one may still be registered on the dead silo until the cluster declares it dead). A silo that cannot be
    // reached is waited out however long the cluster takes to notice; a run that keeps failing otherwise (a bug, not a
    // step failure, which the pipeline handles itself) fails the instance instead of looping.
    private void RecoverRun(InstanceRecord record, Exception error)
    {
        var recoveries = _recoveries[record.InstanceId] = _recoveries.GetValueOrDefault(record.InstanceId) + 1;
        var unreachable = GrainCallFailures.IsUnreachable(error);
        StudyGrainLog.RunFailed(logger, StudyRef, error.GetType().Name, recoveries);
        if ((unreachable || recoveries < MaxRecoveries) && InstanceRecords.Progress(record) is { NextStep: { } step, Attempt: var attempt })
        {
            var delay = _options.RecoveryDelay * Math.Min(recoveries, 10);
            ((IStudyScheduler)this).Schedule(new ContinueInstance(Key, record.InstanceId, step.Slug(), attempt), delay);
            ArmTimer();
            return;
        }
        var now = clock.GetUtcNow();
        var failed = record with { Status = InstanceStatus.Failed, UpdatedAt = now, Error = $"worker-failed: {error.GetType().Name}" };
        _ = ApplyAsync(new InstanceRunResult(failed, null, null, 0, "worker-failed"));
    }

    private async Task ApplyAsync(InstanceRunResult result)
    {
        var instance = result.Record;
        _state.Put(instance);
        if (result.RetryAfter is { } delay && result.NextStep is { } step)
        {
            ((IStudyScheduler)this).Schedule(new ContinueInstance(Key, instance.InstanceId, step, result.Attempt), delay);
            StudyGrainLog.RetryScheduled(logger, StudyRef, step, result.Attempt, (int)delay.TotalSeconds);
        }
        else if (instance.Status == InstanceStatus.Failed)
        {
            // Its reason is in the timeline; the message goes where operators look for poison input.
            var reason = result.FailureCode ?? "failed";
            await deadLetters.SendAsync(InstanceRecords.OriginalMessage(Key, instance), reason, CancellationToken.None);
            telemetry.DeadLettered(reason);
            StudyGrainLog.InstanceFailed(logger, StudyRef, reason);
        }
        else
        {
            StudyGrainLog.InstanceRecorded(logger, StudyRef, instance.Status, _state.Instances.Count);
        }
        var now = clock.GetUtcNow();
        _state.Study = _state.Study! with { UpdatedAt = now };
        await CompleteIfFinishedAsync(now);
        await SaveAsync();
        ArmTimer();
    }

    // The reminder or a timer: run the follow-ups that fell due, re-run runs lost with a dead silo, end a quiet period.
    private async Task WakeUpAsync()
    {
        var now = clock.GetUtcNow();
        if (_state.Study is not { } study)
        {
            await ReleaseReminderAsync();
            return;
        }
        var due = (study.Scheduled ?? []).Where(s => s.DueAt <= now).ToList();
        var changed = false;
        if (due.Count > 0)
        {
            _state.Study = study with { Scheduled = [.. study.Scheduled!.Where(s => s.DueAt > now)] };
            changed = true;
            foreach (var scheduled in due) await RunScheduledAsync(scheduled);
        }
        ResumeLostRuns();
        if (_state.Study is { Status: StudyStatus.Received } open && open.UpdatedAt + _options.QuietPeriod <= now && _running.Count == 0 && _waiting.Count == 0)
        {
            await FinalizeAfterQuietPeriodAsync(now);
            changed = true;
        }
        if (changed) await SaveAsync();
        else await ReleaseReminderAsync();
        ArmTimer();
    }

    private async Task RunScheduledAsync(ScheduledMessage scheduled)
    {
        switch (scheduled.Message)
        {
            case ContinueInstance timer when IsDue(timer) is { } record:
                Enqueue(record.InstanceId, firstRun: false, readySince: scheduled.DueAt);
                Pump();
                break;
            case RetryWebhook webhook:
                await RetryWebhookAsync(webhook);
                break;
            case RetryNotification notification:
                await RetryNotificationAsync(notification);
                break;
            case RetryReport report:
                await RetryReportAsync(report);
                break;
            default:
                StudyGrainLog.NothingDue(logger, StudyRef, scheduled.Message.GetType().Name);
                break;
        }
    }

    // Instances still processing that nothing runs or waits for: their run was lost with a silo (or a failed save).
    private void ResumeLostRuns()
    {
        var continued = (_state.Study?.Scheduled ?? []).Select(s => s.Message).OfType<ContinueInstance>().Select(c => c.InstanceId).ToHashSet(StringComparer.Ordinal);
        var now = clock.GetUtcNow();
        foreach (var instance in _state.Instances.Values)
        {
            if (instance.Status == InstanceStatus.Processing && !_running.Contains(instance.InstanceId) && !continued.Contains(instance.InstanceId))
                Enqueue(instance.InstanceId, firstRun: false, readySince: now);
        }
        Pump();
    }

    // A retry runs only while its instance still waits at that step and attempt; an older or repeated one is ignored.
    private InstanceRecord? IsDue(ContinueInstance timer) =>
        _state.Instances.TryGetValue(timer.InstanceId, out var record)
        && record.Status == InstanceStatus.Processing
        && InstanceRecords.Progress(record) is { IsFinished: false, NextStep: { } step, Attempt: var attempt }
        && step.Slug() == timer.Step && attempt == timer.Attempt
            ? record
            : null;

    // Anything since the study's last change restarts the quiet period. Waiting ends here: an expected count not
    // reached no longer holds the study open.
    private async Task FinalizeAfterQuietPeriodAsync(DateTimeOffset now)
    {
        if (_state.Study is not { Status: StudyStatus.Received } study) return;
        study = study with
        {
            FinalizeRequested = true,
            ExpectedInstances = null,
            UpdatedAt = now,
            Timeline = Append(study.Timeline, new StudyEvent("quiet-period-elapsed", now)),
        };
        if (_state.Instances.Count == 0)
            study = study with { Status = StudyStatus.Failed, CompletedAt = now, Timeline = Append(study.Timeline, new StudyEvent(StudyStatus.Failed, now, "no instances")) };
        _state.Study = study;
        await CompleteIfFinishedAsync(now);
    }

    // Publishing never holds the study back: a report write, notification or webhook that fails is recorded with the
    // study and retried by its own scheduled follow-up, so the completed status is saved whatever S3, SNS or the receiver
    // answer. The completion is applied only once published, so no save made meanwhile (by a run finishing) shows the
    // study completed without its publication; an instance that arrived meanwhile makes this publication history.
    private async Task CompleteIfFinishedAsync(DateTimeOffset now)
    {
        if (_publishing || Completion(_state.Study!, now) is not { } completed) return;
        PublicationOutcome outcome;
        _publishing = true;
        try
        {
            outcome = await notifier.PublishAsync(Key, completed.Status, Progress(), completed.CompletedAt ?? now, this, CancellationToken.None);
        }
        finally
        {
            _publishing = false;
        }
        if (Completion(_state.Study!, now) is not { } still) return;
        StudyGrainLog.StudyFinished(logger, StudyRef, still.Status, _state.Instances.Count);
        _state.Study = WithPublication(still, outcome);
    }

    // The study completed (or failed, if every instance did), as it would be saved; null while it cannot complete yet.
    // This completion's deliveries start afresh: until they are attempted, nothing of an earlier completion shows.
    private StudyRecord? Completion(StudyRecord study, DateTimeOffset now)
    {
        var instances = _state.Instances.Values;
        if (!study.FinalizeRequested || study.Status is StudyStatus.Completed or StudyStatus.Failed
            || instances.Count < (study.ExpectedInstances ?? 1)
            || instances.Any(i => i.Status is not (InstanceStatus.Done or InstanceStatus.Failed)))
        {
            return null;
        }
        var status = instances.All(i => i.Status == InstanceStatus.Failed) ? StudyStatus.Failed : StudyStatus.Completed;
        return study with
        {
            Status = status, CompletedAt = now, Outcomes = InstanceRecords.Outcomes(instances), Timeline = Append(study.Timeline, new StudyEvent(status, now)),
            ReportKey = null, Notification = null, Webhook = null,
        };
    }

    private async Task RetryWebhookAsync(RetryWebhook message)
    {
        var delivery = await notifier.RetryWebhookAsync(message, this, CancellationToken.None);
        if (delivery is null || _state.Study is not { } study) return;
        _state.Study = WithDelivery(study, "webhook", delivery, study.Webhook, (s, d) => s with { Webhook = d });
    }

    private async Task RetryNotificationAsync(RetryNotification message)
    {
        var delivery = await notifier.RetryNotificationAsync(message, this, CancellationToken.None);
        if (_state.Study is not { } study) return;
        _state.Study = WithDelivery(study, "notification", delivery, study.Notification, (s, d) => s with { Notification = d });
    }

    // Runs only while the study still stands at the completion that scheduled it and that attempt is not made yet: a
    // repeated retry, or one of a completion the study has since reopened from, has nothing to do.
    private async Task RetryReportAsync(RetryReport message)
    {
        if (_state.Study is not { Status: StudyStatus.Completed or StudyStatus.Failed, ReportDelivery: { } report } study
            || report.DeliveryId != message.DeliveryId || report.Status != DeliveryStatus.Retrying || report.Attempts >= message.Attempt)
        {
            StudyGrainLog.NothingDue(logger, StudyRef, nameof(Studies.RetryReport));
            return;
        }
        var outcome = await notifier.RetryReportAsync(message, study.Status, Progress(), study.CompletedAt ?? study.UpdatedAt, this, CancellationToken.None);
        if (outcome is null) return;
        _state.Study = WithPublication(_state.Study!, outcome);
    }

    // A late attempt of an older delivery (the study reopened and completed again since) is in the timeline only. The
    // current completion's delivery id is the one its report carries, even before the notification's first attempt.
    private static StudyRecord WithDelivery(StudyRecord study, string channel, DeliveryStatus delivery, DeliveryStatus? current,
        Func<StudyRecord, DeliveryStatus, StudyRecord> set)
    {
        var updated = study with { Timeline = Append(study.Timeline, DeliveryEvent(channel, delivery)) };
        var currentId = current?.DeliveryId ?? study.ReportDelivery?.DeliveryId;
        return currentId is null || currentId == delivery.DeliveryId ? set(updated, delivery) : updated;
    }

    private static StudyEvent DeliveryEvent(string channel, DeliveryStatus delivery) =>
        new($"{channel}-{delivery.Status}", delivery.UpdatedAt,
            delivery.Error is null ? $"attempt {delivery.Attempts}" : $"attempt {delivery.Attempts}: {delivery.Error}");

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

    private List<InstanceProgress> Progress() => _state.Instances.Values.Select(InstanceRecords.Progress).OfType<InstanceProgress>().ToList();

    // One write at a time: what changes while a write is in flight goes in the next one, which every caller waiting
    // for it shares (many instances finishing together cost one write, not one each).
    private Task SaveAsync()
    {
        if (_nextSave is not null) return _nextSave;
        if (_saving.IsCompleted) return _saving = WriteAsync();
        return _nextSave = SaveAfterAsync(_saving);
    }

    private async Task SaveAfterAsync(Task previous)
    {
        try
        {
            await previous;
        }
        catch (Exception)
        {
            // Its callers have it; this write carries what it did not save.
        }
        _nextSave = null;
        await (_saving = WriteAsync());
    }

    private async Task WriteAsync()
    {
        await HoldReminderAsync();
        await _state.WriteAsync(CancellationToken.None);
        await ReleaseReminderAsync();
    }

    // Another activation saved the study (a membership change): this one is stale and goes; the next activation reads
    // the study afresh and re-runs what was lost. Any other failure is tried again after a pause.
    private void OnSaveFailed(Exception error)
    {
        if (error is StudyConcurrencyException)
        {
            DeactivateOnIdle();
            return;
        }
        this.RegisterGrainTimer(async _ =>
        {
            try
            {
                await SaveAsync();
            }
            catch (Exception again)
            {
                StudyGrainLog.SaveFailed(logger, StudyRef, again.GetType().Name, again);
                OnSaveFailed(again);
            }
        }, new GrainTimerCreationOptions(_options.RecoveryDelay, Timeout.InfiniteTimeSpan) { Interleave = true, KeepAlive = true });
    }

    private bool HasPendingWork() =>
        _state.Study is { } study && (study.Status == StudyStatus.Received || study.Scheduled is { Count: > 0 });

    private async Task HoldReminderAsync()
    {
        if (_holdsReminder || !HasPendingWork()) return;
        await this.RegisterOrUpdateReminder(ReminderName, _options.ReminderPeriod, _options.ReminderPeriod);
        _holdsReminder = true;
    }

    private async Task ReleaseReminderAsync()
    {
        if (!_holdsReminder || HasPendingWork()) return;
        _holdsReminder = false;
        if (await this.GetReminder(ReminderName) is { } reminder) await this.UnregisterReminder(reminder);
    }

    // The next thing due (a scheduled follow-up, the end of the quiet period) gets a grain timer when it is near;
    // farther ones wait for the reminder.
    private void ArmTimer()
    {
        if (_state.Study is not { } study) return;
        var next = (study.Scheduled ?? []).Select(s => (DateTimeOffset?)s.DueAt).Min();
        if (study.Status == StudyStatus.Received)
        {
            var quietEnd = study.UpdatedAt + _options.QuietPeriod;
            if (next is null || quietEnd < next) next = quietEnd;
        }
        if (next is not { } dueAt || dueAt - clock.GetUtcNow() > _options.TimerLimit) return;
        if (_timerDueAt is { } armed && armed <= dueAt && _timer is not null) return;
        _timer?.Dispose();
        _timerDueAt = dueAt;
        var delay = dueAt - clock.GetUtcNow();
        _timer = this.RegisterGrainTimer(async _ =>
        {
            _timer?.Dispose();
            _timer = null;
            _timerDueAt = null;
            await WakeUpAsync();
        }, new GrainTimerCreationOptions(delay < TimeSpan.Zero ? TimeSpan.Zero : delay, Timeout.InfiniteTimeSpan) { Interleave = true, KeepAlive = true });
    }

    private static IReadOnlyList<StudyEvent> Append(IReadOnlyList<StudyEvent>? timeline, StudyEvent next) =>
        [.. (timeline ?? []).TakeLast(MaxTimelineEvents - 1), next];

    private sealed record PendingRun(string InstanceId, bool FirstRun, DateTimeOffset ReadySince);
}
