using MedImaging.Aws.StudyQueue;

namespace MedImaging.Silo.Runtime;

/// <summary>
/// Deletes the messages of turns that saved, coalescing the deletes of turns that end close together (group commit):
/// with no delete in flight, a turn's delete goes out at once; those that arrive while one is in flight wait for it
/// and then leave together, up to <see cref="MaxMessagesPerRequest"/> messages per request. So a quiet queue adds no
/// latency, and a busy one sends fewer requests. A turn's delete completes once its own messages are deleted, and
/// fails if any of them was not (the turn then counts as failed: its messages come back and find their work saved).
/// </summary>
public sealed class StudyMessageDeleter(IStudyQueue queue)
{
    public const int MaxMessagesPerRequest = 10;

    private readonly Lock _gate = new();
    private readonly Queue<PendingDelete> _waiting = new();
    private bool _sending;

    public Task DeleteAsync(IReadOnlyList<ReceivedStudyMessage> messages, CancellationToken cancellationToken)
    {
        if (messages.Count == 0) return Task.CompletedTask;
        var pending = new PendingDelete(messages);
        bool startSending;
        lock (_gate)
        {
            _waiting.Enqueue(pending);
            startSending = !_sending;
            _sending = true;
        }
        if (startSending) _ = SendWaitingAsync();
        return pending.Completion.Task.WaitAsync(cancellationToken);
    }

    private async Task SendWaitingAsync()
    {
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
