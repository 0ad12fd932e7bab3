using MedImaging.Aws.Dynamo;
using MedImaging.Aws.Studies;
using MedImaging.Aws.StudyQueue;
using MedImaging.Silo.Telemetry;
using Microsoft.Extensions.Options;

namespace MedImaging.Silo.Runtime;

/// <summary>
/// The grain runtime's loop: long-polls the study FIFO queue while it has a free slot, runs each study's
/// messages in order (one turn at a time per study; different studies in parallel, bounded), deletes a message
/// only after its turn saved, renews visibility meanwhile, retries failed turns with backoff and
/// dead-letters a message after its last delivery. A receive asks for more studies than the free slots
/// (<see cref="GrainRuntimeOptions.PrefetchStudies"/>): under load they wait here for the next slots instead of costing a
/// receive each. Under load it also trades a few milliseconds for fewer SQS requests: a
/// short linger before a receive that would come back thin, and deletes that wait briefly for company
/// (<see cref="GrainRuntimeOptions.ReceiveLinger"/>, <see cref="GrainRuntimeOptions.DeleteLinger"/>).
/// </summary>
public sealed class StudyQueueConsumer(
    IStudyQueue queue,
    StudyGrainDispatcher dispatcher,
    StudyMessageDeleter deleter,
    IOptions<GrainRuntimeOptions> options,
    TimeProvider clock,
    SiloTelemetry telemetry,
    ILogger<StudyQueueConsumer> logger) : BackgroundService
{
    private const int MaxMessagesPerReceive = 10;
    private const int MaxBatchedDelivery = 2;
    private const string UnreadableReason = "unreadable message body";
    private readonly GrainRuntimeOptions _options = options.Value;
    private readonly CancellationTokenSource _turnsAborted = new();
    private readonly int _prefetch = Math.Max(0, options.Value.PrefetchStudies);
    private readonly int _fullReceive = Math.Min(MaxMessagesPerReceive, options.Value.MaxConcurrentStudies + Math.Max(0, options.Value.PrefetchStudies));
    private int _studiesInHand;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var slots = new SemaphoreSlim(_options.MaxConcurrentStudies);
        var running = new List<Task>();
        // Studies a receive brought beyond the free slots, each kept visible to us by its heartbeat, taking the next free
        // slots in order; the next receive waits until they all run, so at most PrefetchStudies wait here.
        var waiting = new Queue<StudyInHand>();
        RuntimeLog.Started(logger, _options.MaxConcurrentStudies);
        try
        {
            var linger = false;
            while (!stoppingToken.IsCancellationRequested)
            {
                await slots.WaitAsync(stoppingToken);
                running.RemoveAll(t => t.IsCompleted);
                if (waiting.TryDequeue(out var next))
                {
                    running.Add(RunStudyAsync(next, slots));
                    continue;
                }
                if (linger) await Task.Delay(_options.ReceiveLinger, clock, stoppingToken);
                var held = 1;
                while (held < MaxMessagesPerReceive && slots.Wait(0)) held++;
                int received;
                List<List<ReceivedStudyMessage>> groups;
                using (deleter.Receiving())
                    (received, groups) = await ReceiveGroupsAsync(Math.Min(MaxMessagesPerReceive, held + _prefetch), stoppingToken);
                var started = Math.Min(held, groups.Count);
                if (held > started) slots.Release(held - started);
                for (var i = 0; i < groups.Count; i++)
                {
                    var study = new StudyInHand(groups[i], new VisibilityHeartbeat(
                        queue, groups[i], _options.HeartbeatInterval, _options.VisibilityTimeout, logger));
                    if (i < started) running.Add(RunStudyAsync(study, slots));
                    else waiting.Enqueue(study);
                }
                // A busy silo (several studies in hand) whose receive brought fewer than the most it can ever take lets more
                // messages and free slots gather before the next. A full receive suggests more wait; an empty long poll
                // means the queue is quiet; a lone study in hand means one upload at a time, whose next message must not wait.
                linger = _options.ReceiveLinger > TimeSpan.Zero && received > 0 && received < _fullReceive
                    && Volatile.Read(ref _studiesInHand) > 1;
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        await ReturnWaitingAsync(waiting);
        await DrainAsync(running);
    }

    // Studies that never got a slot go back to the queue at once (their turns never started, so nothing of them saved).
    private async Task ReturnWaitingAsync(Queue<StudyInHand> waiting)
    {
        while (waiting.TryDequeue(out var study))
        {
            await using var heartbeat = study.Heartbeat;
            await ReleaseAsync(study.Messages, TimeSpan.Zero, heartbeat);
        }
    }

    private async Task<(int Received, List<List<ReceivedStudyMessage>> Groups)> ReceiveGroupsAsync(int max, CancellationToken stoppingToken)
    {
        try
        {
            var batch = await queue.ReceiveAsync(max, _options.ReceiveWaitTime, stoppingToken);
            // A batch may hold several messages of one study, in order: they stay together and run in that order.
            var groups = batch.GroupBy(m => m.GroupId).Select(g => g.ToList()).ToList();
            RuntimeLog.Received(logger, batch.Count, groups.Count, max);
            return (batch.Count, groups);
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            RuntimeLog.ReceiveFailed(logger, error);
            await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken);
            return (0, []);
        }
    }

    private async Task RunStudyAsync(StudyInHand study, SemaphoreSlim slots)
    {
        var messages = study.Messages;
        Interlocked.Increment(ref _studiesInHand);
        var slotHeld = 1;
        // Once the last turn saved, only its delete remains: the slot may take another study meanwhile (this study's next
        // message cannot be delivered before the delete), so a delete waiting for company costs no throughput.
        void ReleaseSlot()
        {
            if (Interlocked.Exchange(ref slotHeld, 0) == 1) slots.Release();
        }
        try
        {
            await Task.Yield();
            await using var heartbeat = study.Heartbeat;
            var turns = Turns(messages);
            for (var i = 0; i < turns.Count; i++)
            {
                if (!await RunTurnAsync(turns[i], heartbeat, i == turns.Count - 1 ? ReleaseSlot : null))
                {
                    var deliveries = turns[i].Max(m => m.ReceiveCount);
                    await ReleaseAsync(turns.Skip(i).SelectMany(t => t).ToList(), _turnsAborted.IsCancellationRequested ? TimeSpan.Zero : Backoff(deliveries), heartbeat);
                    return;
                }
            }
        }
        catch (Exception error)
        {
            RuntimeLog.StudyLoopFailed(logger, error);
        }
        finally
        {
            Interlocked.Decrement(ref _studiesInHand);
            ReleaseSlot();
        }
    }

    // Consecutive instance messages of a study share one turn (their instances run at the same time, one save); an
    // instance that finalizes its study ends its turn, so whatever follows it is handled as after a finalize.
    // A message delivered more than twice has failed a turn other than by a crash: it runs alone, so that a poison
    // message reaches the dead-letter queue by itself instead of holding back the messages batched with it.
    private List<List<ReceivedStudyMessage>> Turns(List<ReceivedStudyMessage> messages)
    {
        var turns = new List<List<ReceivedStudyMessage>>();
        foreach (var message in messages)
        {
            var batchable = message is { Message: { } m, ReceiveCount: <= MaxBatchedDelivery } && StudyGrainDispatcher.RunsInOneTurn(m);
            if (batchable && turns.Count > 0 && turns[^1].Count < _options.MaxInstancesPerTurn
                && turns[^1] is [{ Message: { } previous, ReceiveCount: <= MaxBatchedDelivery }, ..]
                && StudyGrainDispatcher.RunsInOneTurn(previous)
                && turns[^1][^1].Message is not InstanceReceived { ThenFinalize: not null })
            {
                turns[^1].Add(message);
            }
            else
            {
                turns.Add([message]);
            }
        }
        return turns;
    }

    /// <returns>False when the turn failed and the study's remaining messages must wait for a retry.</returns>
    /// <param name="saved">Called once the turn's state is saved, before its messages are deleted.</param>
    private async Task<bool> RunTurnAsync(List<ReceivedStudyMessage> turn, VisibilityHeartbeat heartbeat, Action? saved)
    {
        var cancellation = _turnsAborted.Token;
        if (turn is [{ Message: null } unreadable])
        {
            RuntimeLog.Unreadable(logger, unreadable.MessageId);
            await queue.DeadLetterAsync(unreadable, UnreadableReason, cancellation);
            telemetry.DeadLettered(UnreadableReason);
            heartbeat.Release(unreadable);
            return true;
        }
        var messages = turn.Select(m => m.Message!).ToList();
        var studyRef = StudyKeys.LogRef(messages[0].StudyKey);
        var messageType = messages[0].GetType().Name;
        var started = clock.GetUtcNow();
        foreach (var received in turn)
            telemetry.TurnStarted(received.Message!.GetType().Name, received.SentAt, started);
        try
        {
            await dispatcher.DispatchAsync(turn, messages, cancellation);
            // The turn ends when its state is saved; deleting the messages then lets the study's next turn start.
            var ended = clock.GetUtcNow();
            saved?.Invoke();
            await deleter.DeleteAsync(turn, Volatile.Read(ref _studiesInHand) - 1, cancellation);
            foreach (var received in turn) heartbeat.Release(received);
            RuntimeLog.TurnCompleted(logger, messageType, turn.Count, studyRef, Environment.ProcessId,
                started.ToUnixTimeMilliseconds(), ended.ToUnixTimeMilliseconds());
            telemetry.TurnEnded(messageType, TurnOutcomes.Completed, ended - started);
            return true;
        }
        catch (StudyConcurrencyException)
        {
            RuntimeLog.TurnConflict(logger, studyRef, turn.Max(m => m.ReceiveCount));
            telemetry.TurnEnded(messageType, TurnOutcomes.Conflict, clock.GetUtcNow() - started);
            return false;
        }
        catch (Exception error) when (!cancellation.IsCancellationRequested && turn is [{ ReceiveCount: var count } single] && count >= _options.MaxDeliveries)
        {
            RuntimeLog.DeadLettered(logger, studyRef, count, error);
            await queue.DeadLetterAsync(single, error.GetType().Name, CancellationToken.None);
            heartbeat.Release(single);
            telemetry.TurnEnded(messageType, TurnOutcomes.DeadLettered, clock.GetUtcNow() - started);
            telemetry.DeadLettered(error.GetType().Name);
            return true;
        }
        catch (Exception error)
        {
            RuntimeLog.TurnFailed(logger, studyRef, turn.Max(m => m.ReceiveCount), error);
            telemetry.TurnEnded(messageType, TurnOutcomes.Failed, clock.GetUtcNow() - started);
            return false;
        }
    }

    // The failed messages and the ones after them go back to the queue together, after a backoff, so the study's
    // order holds; a concurrency conflict or shutdown comes back at once.
    private async Task ReleaseAsync(List<ReceivedStudyMessage> remaining, TimeSpan delay, VisibilityHeartbeat heartbeat)
    {
        foreach (var message in remaining)
        {
            heartbeat.Release(message);
            try
            {
                await queue.SetVisibilityAsync(message, delay, CancellationToken.None);
            }
            catch (Exception error)
            {
                RuntimeLog.HeartbeatFailed(logger, message.MessageId, error);
            }
        }
    }

    private TimeSpan Backoff(int deliveries)
    {
        var exponential = _options.RetryBaseDelay.TotalMilliseconds * Math.Pow(2, Math.Clamp(deliveries - 1, 0, 10));
        var jittered = exponential / 2 + Random.Shared.NextDouble() * exponential / 2;
        return TimeSpan.FromMilliseconds(Math.Min(jittered, TimeSpan.FromMinutes(15).TotalMilliseconds));
    }

    private async Task DrainAsync(List<Task> running)
    {
        var all = Task.WhenAll(running);
        if (await Task.WhenAny(all, Task.Delay(_options.ShutdownGrace)) != all)
        {
            await _turnsAborted.CancelAsync();
            await all.ContinueWith(_ => { }, TaskScheduler.Default);
        }
        RuntimeLog.Stopped(logger);
    }

    private sealed record StudyInHand(List<ReceivedStudyMessage> Messages, VisibilityHeartbeat Heartbeat);

    public override void Dispose()
    {
        _turnsAborted.Dispose();
        base.Dispose();
    }
}
