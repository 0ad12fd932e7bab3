using MedImaging.Aws.StudyQueue;

namespace MedImaging.Silo.Runtime;

/// <summary>
/// Deletes the messages of turns that saved, coalescing the deletes of turns that end close together (group commit).
/// A delete that finds none in flight and no other study in hand that could join it goes out at once (a quiet silo adds
/// no latency). Otherwise the waiting deletes leave together, up to <see cref="MaxMessagesPerRequest"/> messages per
/// request, once the oldest of them has waited <paramref name="linger"/>, or <see cref="MaxMessagesPerRequest"/> messages
/// wait, or every study in hand waits, or the consumer receives (<see cref="Receiving"/>); while a request is in flight they
/// wait for it too. So no delete waits much longer
/// than the linger plus one request, and the deletes waiting here are those of turns that ended within that time.
/// A turn's delete completes once its own messages are deleted, and fails if any of them was not (the turn then
/// counts as failed: its messages come back and find their work saved).
/// </summary>
public sealed class StudyMessageDeleter(IStudyQueue queue, TimeSpan linger = default, TimeProvider? clock = null)
{
    public const int MaxMessagesPerRequest = 10;

    private readonly TimeProvider _clock = clock ?? TimeProvider.System;
    private readonly Lock _gate = new();
    private readonly Queue<PendingDelete> _waiting = new();
    private int _waitingMessages;
    private int _othersInHand;
    private bool _sending;
    private int _receiving;
    private TaskCompletionSource? _lingerCut;

    /// <summary>Deletes a turn's messages, at once unless a delete is in flight.</summary>
    public Task DeleteAsync(IReadOnlyList<ReceivedStudyMessage> messages, CancellationToken cancellationToken) =>
        DeleteAsync(messages, othersInHand: 0, cancellationToken);

    /// <param name="othersInHand">Studies in hand besides this turn's: each may end a turn soon and join this delete.</param>
    public Task DeleteAsync(IReadOnlyList<ReceivedStudyMessage> messages, int othersInHand, CancellationToken cancellationToken)
    {
        if (messages.Count == 0) return Task.CompletedTask;
        var pending = new PendingDelete(messages, _clock.GetTimestamp());
        bool startSending;
        lock (_gate)
        {
            _waiting.Enqueue(pending);
            _waitingMessages += messages.Count;
            _othersInHand = othersInHand;
            startSending = !_sending;
            _sending = true;
            if (ReadyLocked()) _lingerCut?.TrySetResult();
        }
        if (startSending) _ = SendWaitingAsync();
        return pending.Completion.Task.WaitAsync(cancellationToken);
    }

    /// <summary>
    /// The consumer is about to receive: the deletes waiting now leave without more linger, and while the receive is
    /// pending (a long poll waits while the silo has free slots) a delete leaves at once, so deletes ride along with
    /// receives (a delete unlocks its study's next message for that receive). Under load receives are spaced by several
    /// turns, whose deletes then leave together; a silo that waits for messages deletes at once. Dispose it once the
    /// receive returned.
    /// </summary>
    public IDisposable Receiving()
    {
        lock (_gate)
        {
            _receiving++;
            if (_waiting.Count > 0) _lingerCut?.TrySetResult();
        }
        return new ReceiveScope(this);
    }

    private void Received()
    {
        lock (_gate) _receiving--;
    }

    // Nobody else is expected soon, a request is full or a receive waits: waiting longer would gain nothing.
    private bool ReadyLocked() =>
        _receiving > 0 || linger <= TimeSpan.Zero || _waitingMessages >= MaxMessagesPerRequest || _othersInHand < _waiting.Count;

    private async Task SendWaitingAsync()
    {
        while (await LingerAsync() && TakeBatch() is { } batch)
        {
            try
            {
                var failures = await queue.DeleteAsync([.. batch.SelectMany(p => p.Messages)], CancellationToken.None);
                foreach (var pending in batch)
                {
                    var own = failures.Where(f => pending.Messages.Any(m => ReferenceEquals(m, f.Message))).ToList();
                    if (own.Count == 0) pending.Completion.TrySetResult();
                    else pending.Completion.TrySetException(new StudyMessageDeleteException(own));
                }
            }
            catch (Exception error)
            {
                foreach (var pending in batch) pending.Completion.TrySetException(error);
            }
        }
    }

    /// <summary>Waits until the waiting deletes should leave.</summary>
    /// <returns>False (and no longer sending) when none wait.</returns>
    private async Task<bool> LingerAsync()
    {
        TimeSpan left;
        TaskCompletionSource cut;
        lock (_gate)
        {
            if (!_waiting.TryPeek(out var oldest))
            {
                _sending = false;
                return false;
            }
            left = linger - _clock.GetElapsedTime(oldest.Arrived);
            if (ReadyLocked() || left <= TimeSpan.Zero) return true;
            cut = _lingerCut = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
        using var timeout = new CancellationTokenSource();
        await Task.WhenAny(Task.Delay(left, _clock, timeout.Token), cut.Task);
        await timeout.CancelAsync();
        lock (_gate) _lingerCut = null;
        return true;
    }

    /// <returns>The next deletes to send together (at least one waits when this is called).</returns>
    private List<PendingDelete> TakeBatch()
    {
        lock (_gate)
        {
            var batch = new List<PendingDelete>();
            var messages = 0;
            while (_waiting.TryPeek(out var next) && (batch.Count == 0 || messages + next.Messages.Count <= MaxMessagesPerRequest))
            {
                batch.Add(_waiting.Dequeue());
                messages += next.Messages.Count;
            }
            _waitingMessages -= messages;
            return batch;
        }
    }

    private sealed class ReceiveScope(StudyMessageDeleter deleter) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0) deleter.Received();
        }
    }

    private sealed record PendingDelete(IReadOnlyList<ReceivedStudyMessage> Messages, long Arrived)
    {
        public TaskCompletionSource Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
