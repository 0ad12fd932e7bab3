using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

namespace MedImaging.Aws.Dynamo;

/// <summary>
/// Group commit of study saves. One request is in flight at a time; saves of other studies that arrive meanwhile go
/// together in the next TransactWriteItems, still all-or-nothing per request. A cancelled transaction names, per item,
/// the condition that failed: those studies fail alone (a lost race writes nothing), the others go again. On a quiet
/// table a save is sent at once, so it adds no latency; a lone save without instance items is a conditional PutItem,
/// which costs DynamoDB less than a transaction of one. A busy table (its last commit carried several studies, or
/// others waited when it ended, and that was less than <see cref="StudyWriteBatching.Linger"/> before the oldest
/// waiting save arrived) lets the waiting saves linger for company until the oldest has waited the linger or
/// <see cref="StudyWriteBatching.EnoughStudies"/> wait: no save waits much longer than the linger plus one request.
/// A save cancelled while it waits (lingering or not) is withdrawn and never written.
/// </summary>
/// <remarks>
/// Measured on DynamoDB Local (CPU per study, study item plus one instance item): a transaction of one study ~3 ms,
/// of 2 studies ~2.4 ms each, 4 ~1.8, 6 or more ~1.5; by replay, a study's share was 2.31 ms in transactions of 2.8
/// studies, 1.74 at 5.6, 1.11 at 22: the cost is mostly per request. Ingest bench, one-instance studies, C=4, 8 studies
/// at a time per silo, on the shared 2-core box (load 10-16), transactions counted by tcpdump over the loaded phase:
/// without linger 447 saves went in 173 transactions (2.6 studies each, 61% of them singles, sent because nothing was
/// in flight); with a 20 ms linger 465 went in 104 (4.5 each: mostly full batches of 8, each after a single that
/// lingered alone, as the silo's 8 studies fall into step). DynamoDB Local's CPU per instance 4.3 -> 3.5 ms (whole
/// system 14.0 -> 12.3); finalize -> completed p50 unchanged (11.5 -> 11.8 ms after processing, 24.7 -> 19.5 right
/// after the upload), since the bench finalizes one study at a time, on a quiet table.
/// </remarks>
internal sealed class StudyWriteBatcher(IAmazonDynamoDB dynamo, StudyWriteBatching? batching = null, TimeProvider? clock = null)
{
    private const int MaxItemsPerTransaction = 100;

    // DynamoDB refuses a transaction over 4 MB of items; the estimate leaves room for its own way of counting.
    private const long MaxBytesPerTransaction = 3_500_000;

    private const string ConditionalCheckFailed = "ConditionalCheckFailed";

    private readonly StudyWriteBatching _batching = batching ?? StudyWriteBatching.Default;
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;
    private readonly Lock _gate = new();
    private readonly List<StudyWrite> _waiting = [];
    private bool _committing;
    private bool _lastCommitBusy;
    private long _lastCommitEnded;
    private TaskCompletionSource? _lingerCut;

    public async Task<long> SaveAsync(StudyWrite write, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        bool lead;
        lock (_gate)
        {
            write.Arrived = _clock.GetTimestamp();
            _waiting.Add(write);
            lead = !_committing;
            _committing = true;
            if (_waiting.Count >= _batching.EnoughStudies) _lingerCut?.TrySetResult();
        }
        // Runs synchronously up to its first request (unless it lingers), so a save on a quiet table is sent before this returns.
        if (lead) _ = CommitWaitingAsync();
        await using (cancellationToken.Register(() => Withdraw(write, cancellationToken)))
            return await write.Outcome;
    }

    // A write still waiting is dropped; one already sent is decided by DynamoDB.
    private void Withdraw(StudyWrite write, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (!_waiting.Remove(write)) return;
            if (_waiting.Count == 0) _lingerCut?.TrySetResult();
        }
        write.Cancelled(cancellationToken);
    }

    private async Task CommitWaitingAsync()
    {
        while (await NextBatchAsync() is { } batch)
        {
            var retry = await CommitAsync(batch);
            if (retry.Count > 0)
                lock (_gate) _waiting.InsertRange(0, retry);
        }
    }

    /// <returns>The next writes to send together, after their linger if any; null (no longer committing) when none wait.</returns>
    private async Task<List<StudyWrite>?> NextBatchAsync()
    {
        while (true)
        {
            TimeSpan left;
            TaskCompletionSource cut;
            lock (_gate)
            {
                if (_waiting.Count == 0)
                {
                    _committing = false;
                    return null;
                }
                left = LingerLeft();
                if (left <= TimeSpan.Zero) return TakeBatch();
                cut = _lingerCut = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }
            using var timer = new CancellationTokenSource();
            await Task.WhenAny(Task.Delay(left, _clock, timer.Token), cut.Task);
            await timer.CancelAsync();
            lock (_gate) _lingerCut = null;
        }
    }

    // None on a quiet table, for a write that must go alone, or once enough wait; else until the oldest waited the linger.
    private TimeSpan LingerLeft()
    {
        var oldest = _waiting[0];
        var busy = _lastCommitBusy && _clock.GetElapsedTime(_lastCommitEnded, oldest.Arrived) < _batching.Linger;
        if (!busy || oldest.Alone || _waiting.Count >= _batching.EnoughStudies) return TimeSpan.Zero;
        return _batching.Linger - _clock.GetElapsedTime(oldest.Arrived);
    }

    // In arrival order, as many as fit; a study already in the batch waits for the next (a transaction may not touch
    // an item twice), and a write marked alone goes by itself.
    private List<StudyWrite> TakeBatch()
    {
        var batch = new List<StudyWrite>();
        var keys = new HashSet<string>(StringComparer.Ordinal);
        var (items, bytes) = (0, 0L);
        foreach (var write in _waiting)
        {
            if (write.Alone && batch.Count > 0) continue;
            if (batch.Count > 0 && (items + write.ItemCount > MaxItemsPerTransaction || bytes + write.EstimatedBytes > MaxBytesPerTransaction)) continue;
            if (!keys.Add(write.StudyKey)) continue;
            batch.Add(write);
            (items, bytes) = (items + write.ItemCount, bytes + write.EstimatedBytes);
            if (write.Alone || items >= MaxItemsPerTransaction) break;
        }
        foreach (var write in batch) _waiting.Remove(write);
        return batch;
    }

    /// <returns>The writes to send again (they were not written, through no fault of their own).</returns>
    private async Task<List<StudyWrite>> CommitAsync(List<StudyWrite> batch)
    {
        Exception? error = null;
        try
        {
            await SendAsync(batch);
        }
        catch (Exception e)
        {
            error = e;
        }
        // Before any caller learns its outcome, so that its next save finds the table as this commit left it.
        Ended(batch);
        try
        {
            return Settle(batch, error);
        }
        catch (Exception e)
        {
            // Not expected: Settle decides every outcome. Whatever it was must not leave a caller waiting forever.
            foreach (var write in batch) write.Failed(e);
            return [];
        }
    }

    private Task SendAsync(List<StudyWrite> batch) => batch is [{ InstancePuts.Count: 0 } single]
        ? PutStudyAsync(single)
        : dynamo.TransactWriteItemsAsync(new TransactWriteItemsRequest { TransactItems = batch.SelectMany(w => w.TransactItems).ToList() });

    // Busy: this commit carried several studies or others waited for it to end.
    private void Ended(List<StudyWrite> batch)
    {
        lock (_gate)
        {
            _lastCommitBusy = batch.Count > 1 || _waiting.Count > 0;
            _lastCommitEnded = _clock.GetTimestamp();
        }
    }

    private static List<StudyWrite> Settle(List<StudyWrite> batch, Exception? error)
    {
        switch (error)
        {
            case null:
                StudyTableMetrics.Committed(batch.Count);
                foreach (var write in batch) write.Saved();
                return [];
            case ConditionalCheckFailedException when batch is [var single]:
                single.Failed(new StudyConcurrencyException(single.ExpectedVersion, error));
                return [];
            case TransactionCanceledException { CancellationReasons: { } reasons } cancelled when reasons.Count == batch.Sum(w => w.ItemCount):
                return SettleCancelled(batch, reasons, cancelled);
            case not null when batch is [var single]:
                single.Failed(error);
                return [];
            default:
                foreach (var write in batch) write.Alone = true;
                return batch;
        }
    }

    private static List<StudyWrite> SettleCancelled(List<StudyWrite> batch, List<CancellationReason> reasons, TransactionCanceledException error)
    {
        var retry = new List<StudyWrite>();
        var offset = 0;
        foreach (var write in batch)
        {
            var own = reasons.GetRange(offset, write.ItemCount);
            offset += write.ItemCount;
            if (own[0].Code == ConditionalCheckFailed) write.Failed(new StudyConcurrencyException(write.ExpectedVersion, error));
            else if (own.Any(r => r.Code is not (null or "None"))) write.Failed(error);
            else retry.Add(write);
        }
        if (retry.Count == batch.Count)
        {
            // DynamoDB blamed nobody: each goes again by itself, so whatever it was can only fail its own write.
            foreach (var write in retry) write.Alone = true;
            if (retry is [var single])
            {
                single.Failed(error);
                return [];
            }
        }
        return retry;
    }

    private Task PutStudyAsync(StudyWrite write) => dynamo.PutItemAsync(new PutItemRequest
    {
        TableName = write.StudyPut.TableName,
        Item = write.StudyPut.Item,
        ConditionExpression = write.StudyPut.ConditionExpression,
        ExpressionAttributeNames = write.StudyPut.ExpressionAttributeNames,
        ExpressionAttributeValues = write.StudyPut.ExpressionAttributeValues,
    });
}
