using System.Net;
using System.Text;

namespace MedImaging.Aws.Sqs;

/// <summary>
/// Sends messages to one queue, coalescing the sends of concurrent callers (group commit): with no request in flight, a
/// send goes out at once; sends that arrive while one is in flight wait for it and then leave together in one
/// SendMessageBatch (at most 10 entries and 256 KiB; a caller's messages stay together and in their order). A lone
/// message leaves as a plain SendMessage. So a quiet sender adds no latency and a busy one sends fewer requests.
/// Callers that know they will send soon (an upload storing its files) say so with <see cref="ExpectSend"/>: a send that
/// finds no request in flight but other expected senders then waits up to <paramref name="linger"/> for them, leaving as
/// soon as every expected sender waits or a batch is full. With no other sender expected it still leaves at once.
/// A caller's send completes once its own messages were accepted and fails only on its own refused entries: a lone
/// message refused for a transient reason is sent again (as the client retries a failed SendMessage), otherwise the
/// send throws the refusal as an <see cref="SqsException"/>, as a batch sent by the caller alone would.
/// </summary>
public sealed class SqsSendCoalescer(SqsClient sqs, TimeSpan linger = default, TimeProvider? clock = null)
{
    /// <summary>SQS's limit on the summed size of a batch's messages (bodies and attributes).</summary>
    public const int MaxBatchBytes = 256 * 1024;

    private const int MaxAttempts = 4;

    private readonly Lock _gate = new();
    private readonly Queue<PendingSend> _waiting = new();
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;
    private bool _sending;
    private int _waitingEntries;
    private int _expected;
    private TaskCompletionSource? _lingerCut;

    /// <summary>
    /// Says that the caller will send soon; dispose it once its sends are done (or it will not send). While other expected
    /// senders have not sent yet, a send that would go alone waits a little for them.
    /// </summary>
    public IDisposable ExpectSend()
    {
        lock (_gate) _expected++;
        return new Expectation(this);
    }

    private void Unexpect()
    {
        lock (_gate)
        {
            _expected--;
            if (ReadyLocked()) _lingerCut?.TrySetResult();
        }
    }

    // Every expected sender already waits (a waiting sender still holds its expectation), or a batch is full.
    private bool ReadyLocked() =>
        _expected <= _waiting.Count || _waitingEntries >= SqsClient.MaxBatchEntries;

    /// <summary>Sends 1 to 10 messages of one queue; a FIFO group's messages among them keep their order.</summary>
    public Task SendAsync(IReadOnlyList<SendMessageRequest> requests, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(requests.Count, 1, nameof(requests));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(requests.Count, SqsClient.MaxBatchEntries, nameof(requests));
        var pending = new PendingSend(requests, requests.Sum(Size));
        Enqueue(pending);
        return pending.Completion.Task.WaitAsync(cancellationToken);
    }

    private void Enqueue(PendingSend pending)
    {
        bool startSending, lingerFirst = false;
        lock (_gate)
        {
            _waiting.Enqueue(pending);
            _waitingEntries += pending.Requests.Count;
            startSending = !_sending;
            _sending = true;
            if (ReadyLocked()) _lingerCut?.TrySetResult();
            else if (startSending && linger > TimeSpan.Zero && pending.Attempt == 1)
            {
                lingerFirst = true;
                _lingerCut = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }
        }
        if (startSending) _ = SendWaitingAsync(lingerFirst);
    }

    private async Task SendWaitingAsync(bool lingerFirst)
    {
        if (lingerFirst)
        {
            TaskCompletionSource? cut;
            lock (_gate) cut = _lingerCut;
            if (cut is not null)
            {
                using var timeout = new CancellationTokenSource();
                await Task.WhenAny(Task.Delay(linger, _clock, timeout.Token), cut.Task);
                await timeout.CancelAsync();
            }
            lock (_gate) _lingerCut = null;
        }
        while (TakeBatch() is { } batch)
        {
            var requests = batch.SelectMany(p => p.Requests).ToList();
            try
            {
                if (requests is [var single])
                {
                    await sqs.SendMessageAsync(single, CancellationToken.None);
                    batch[0].Completion.TrySetResult();
                    continue;
                }
                var failures = await sqs.SendMessageBatchAsync(requests, CancellationToken.None);
                var offset = 0;
                foreach (var pending in batch)
                {
                    var own = failures.Where(f => f.Index >= offset && f.Index < offset + pending.Requests.Count).ToList();
                    offset += pending.Requests.Count;
                    Complete(pending, own);
                }
            }
            catch (Exception error)
            {
                foreach (var pending in batch) pending.Completion.TrySetException(error);
            }
        }
    }

    private void Complete(PendingSend pending, List<SqsBatchEntryFailure> failures)
    {
        if (failures is [])
        {
            pending.Completion.TrySetResult();
            return;
        }
        var first = failures[0];
        if (pending.Requests.Count == 1 && !first.SenderFault && pending.Attempt < MaxAttempts)
        {
            _ = RetryAsync(pending);
            return;
        }
        var status = first.SenderFault ? HttpStatusCode.BadRequest : HttpStatusCode.InternalServerError;
        pending.Completion.TrySetException(pending.Requests.Count == 1
            ? SqsException.Create(first.Code, first.Message, status)
            : new SqsException(first.Code, $"{failures.Count} of {pending.Requests.Count} messages were not sent: {first.Message}", status));
    }

    private async Task RetryAsync(PendingSend pending)
    {
        await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(50, 100 * (1 << pending.Attempt))));
        Enqueue(pending with { Attempt = pending.Attempt + 1, Completion = pending.Completion });
    }

    /// <returns>The next sends to go together, or null (and no longer sending) when none wait.</returns>
    private List<PendingSend>? TakeBatch()
    {
        lock (_gate)
        {
            var batch = new List<PendingSend>();
            var entries = 0;
            var bytes = 0;
            while (_waiting.TryPeek(out var next) && (batch.Count == 0
                || (entries + next.Requests.Count <= SqsClient.MaxBatchEntries && bytes + next.Bytes <= MaxBatchBytes)))
            {
                batch.Add(_waiting.Dequeue());
                entries += next.Requests.Count;
                bytes += next.Bytes;
            }
            _waitingEntries -= entries;
            if (batch.Count > 0) return batch;
            _sending = false;
            return null;
        }
    }

    // As SQS counts a message's size: its body and each attribute's name, type and value.
    private static int Size(SendMessageRequest request) =>
        Encoding.UTF8.GetByteCount(request.Body)
        + (request.MessageAttributes?.Sum(a => Encoding.UTF8.GetByteCount(a.Key) + Encoding.UTF8.GetByteCount(a.Value.DataType)
            + (a.Value.StringValue is { } text ? Encoding.UTF8.GetByteCount(text) : 0) + (a.Value.BinaryValue?.Length ?? 0)) ?? 0);

    private sealed class Expectation(SqsSendCoalescer coalescer) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0) coalescer.Unexpect();
        }
    }

    private sealed record PendingSend(IReadOnlyList<SendMessageRequest> Requests, int Bytes)
    {
        public int Attempt { get; init; } = 1;

        public TaskCompletionSource Completion { get; init; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
