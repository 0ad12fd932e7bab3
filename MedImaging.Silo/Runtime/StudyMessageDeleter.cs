using MedImaging.Aws.StudyQueue;

namespace MedImaging.Silo.Runtime;

/// <summary>
/// Deletes the messages of turns that saved, coalescing the deletes of turns that end close together (group commit):
/// with no delete in flight, a turn's delete goes out at once when no other study in hand could join it soon (a quiet
/// silo adds no latency), else it waits up to <paramref name="linger"/> for others, and leaves early once
/// <see cref="MaxMessagesPerRequest"/> messages or every study in hand wait; those that arrive while one is in flight
/// wait for it and then leave together, up to <see cref="MaxMessagesPerRequest"/> messages per request.
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
    private bool _sending;
    private TaskCompletionSource? _lingerCut;

    /// <summary>Deletes a turn's messages, at once unless a delete is in flight.</summary>
    public Task DeleteAsync(IReadOnlyList<ReceivedStudyMessage> messages, CancellationToken cancellationToken) =>
        DeleteAsync(messages, othersInHand: 0, cancellationToken);

    /// <param name="othersInHand">Studies in hand besides this turn's: each may end a turn soon and join this delete.</param>
    public Task DeleteAsync(IReadOnlyList<ReceivedStudyMessage> messages, int othersInHand, CancellationToken cancellationToken)
    {
        if (messages.Count == 0) return Task.CompletedTask;
        var pending = new PendingDelete(messages);
        bool startSending, lingerFirst = false;
        lock (_gate)
        {
            _waiting.Enqueue(pending);
            _waitingMessages += messages.Count;
            var nobodyElse = _waitingMessages >= MaxMessagesPerRequest || othersInHand < _waiting.Count;
            startSending = !_sending;
            _sending = true;
            if (startSending && !nobodyElse && linger > TimeSpan.Zero)
            {
                lingerFirst = true;
                _lingerCut = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }
            else if (nobodyElse)
            {
                _lingerCut?.TrySetResult();
            }
        }
        if (startSending) _ = SendWaitingAsync(lingerFirst);
        return pending.Completion.Task.WaitAsync(cancellationToken);
    }

    private async Task SendWaitingAsync(bool lingerFirst)
    {
        if (lingerFirst)
        {
            TaskCompletionSource? cut;
            lock (_gate) cut = _lingerCut;
            if (cut is not null) await Task.WhenAny(Task.Delay(linger, _clock), cut.Task);
            lock (_gate) _lingerCut = null;
        }
        while (TakeBatch() is { } batch)
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

    /// <returns>The next deletes to send together, or null (and no longer sending) when none wait.</returns>
    private List<PendingDelete>? TakeBatch()
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
            if (batch.Count > 0) return batch;
            _sending = false;
            return null;
        }
    }

    private sealed record PendingDelete(IReadOnlyList<ReceivedStudyMessage> Messages)
    {
        public TaskCompletionSource Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
