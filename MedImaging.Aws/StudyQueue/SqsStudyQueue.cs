using System.Diagnostics;
using System.Net;
using MedImaging.Aws.Configuration;
using MedImaging.Aws.Sqs;
using MedImaging.Aws.Studies;

namespace MedImaging.Aws.StudyQueue;

/// <summary>
/// The study queue on SQS FIFO, through our own SQS client. A delayed send goes through the timer queue
/// (<see cref="StudyTimerQueue"/>), because FIFO queues refuse per-message delays. Undelayed sends of concurrent callers
/// (e.g. the Api's uploads) leave together in SendMessageBatch requests (<see cref="SqsSendCoalescer"/>); a send that would
/// leave alone while other callers said they will send soon (<see cref="ExpectSend"/>) waits up to <see cref="SendLinger"/>
/// for them.
/// </summary>
public sealed class SqsStudyQueue(SqsClient sqs, ResourceNames resources, TimeProvider? clock = null) : IStudyQueue
{
    /// <summary>How long a send may wait for the expected sends of other callers (under load, a few uploads' time apart).</summary>
    public static readonly TimeSpan SendLinger = TimeSpan.FromMilliseconds(5);

    private readonly TimeProvider _clock = clock ?? TimeProvider.System;
    private readonly StudyTimerQueue _timers = new(sqs, resources, clock ?? TimeProvider.System);
    private readonly SqsSendCoalescer _sends = new(sqs, SendLinger, clock);

    public IDisposable ExpectSend() => _sends.ExpectSend();

    public async Task SendAsync(StudyMessage message, TimeSpan? delay = null, CancellationToken cancellationToken = default)
    {
        var body = StudyMessageJson.Serialize(message);
        var traceParent = Activity.Current?.Id;
        if (delay is { } wait && wait > TimeSpan.Zero)
        {
            await _timers.ScheduleAsync(
                new StudyTimer(body, message.StudyKey, message.DeduplicationId(), traceParent, _clock.GetUtcNow() + wait), cancellationToken);
            return;
        }
        await _sends.SendAsync(
            [StudyQueueRequests.ToStudyQueue(resources.StudyQueueUrl, body, message.StudyKey, message.DeduplicationId(), traceParent)], cancellationToken);
    }

    public async Task SendAsync(IReadOnlyList<StudyMessage> messages, CancellationToken cancellationToken = default)
    {
        var traceParent = Activity.Current?.Id;
        // A chunk is accepted before the next leaves, so each study's messages arrive in order.
        foreach (var chunk in messages.Chunk(SqsClient.MaxBatchEntries))
        {
            await _sends.SendAsync(chunk.Select(m => StudyQueueRequests.ToStudyQueue(
                resources.StudyQueueUrl, StudyMessageJson.Serialize(m), m.StudyKey, m.DeduplicationId(), traceParent)).ToList(), cancellationToken);
        }
    }

    public async Task<IReadOnlyList<ReceivedStudyMessage>> ReceiveAsync(int maxMessages, TimeSpan wait, CancellationToken cancellationToken)
    {
        var messages = await sqs.ReceiveMessagesAsync(new ReceiveMessageRequest(resources.StudyQueueUrl)
        {
            MaxNumberOfMessages = Math.Clamp(maxMessages, 1, 10),
            WaitTimeSeconds = (int)Math.Clamp(wait.TotalSeconds, 0, 20),
        }, cancellationToken);
        return messages.Select(ToReceived).ToList();
    }

    public Task DeleteAsync(ReceivedStudyMessage message, CancellationToken cancellationToken) =>
        sqs.DeleteMessageAsync(resources.StudyQueueUrl, message.ReceiptHandle, cancellationToken);

    public async Task<IReadOnlyList<StudyMessageDeleteFailure>> DeleteAsync(IReadOnlyList<ReceivedStudyMessage> messages, CancellationToken cancellationToken)
    {
        var failures = new List<StudyMessageDeleteFailure>();
        foreach (var chunk in messages.Chunk(SqsClient.MaxBatchEntries))
        {
            if (chunk is [var single])
            {
                // One message: the plain delete is the cheaper request.
                try
                {
                    await DeleteAsync(single, cancellationToken);
                }
                catch (Exception error) when (error is not OperationCanceledException)
                {
                    failures.Add(new StudyMessageDeleteFailure(single, error));
                }
                continue;
            }
            try
            {
                var refused = await sqs.DeleteMessageBatchAsync(resources.StudyQueueUrl, chunk.Select(m => m.ReceiptHandle).ToList(), cancellationToken);
                failures.AddRange(refused.Select(f => new StudyMessageDeleteFailure(
                    chunk[f.Index], new SqsException(f.Code, f.Message, f.SenderFault ? HttpStatusCode.BadRequest : HttpStatusCode.InternalServerError))));
            }
            catch (Exception error) when (error is not OperationCanceledException)
            {
                failures.AddRange(chunk.Select(m => new StudyMessageDeleteFailure(m, error)));
            }
        }
        return failures;
    }

    public Task SetVisibilityAsync(ReceivedStudyMessage message, TimeSpan visibility, CancellationToken cancellationToken) =>
        sqs.ChangeMessageVisibilityAsync(resources.StudyQueueUrl, message.ReceiptHandle, (int)Math.Ceiling(visibility.TotalSeconds), cancellationToken);

    public async Task DeadLetterAsync(ReceivedStudyMessage message, string reason, CancellationToken cancellationToken)
    {
        await sqs.SendMessageAsync(new SendMessageRequest(resources.StudyDeadLetterQueueUrl, message.Body)
        {
            MessageGroupId = message.GroupId,
            MessageDeduplicationId = message.MessageId,
            MessageAttributes = new Dictionary<string, SqsMessageAttribute> { [StudyQueueAttributes.DeadLetterReason] = SqsMessageAttribute.String(reason) },
        }, cancellationToken);
        await DeleteAsync(message, cancellationToken);
    }

    public Task SendToDeadLetterAsync(StudyMessage message, string reason, CancellationToken cancellationToken) =>
        sqs.SendMessageAsync(new SendMessageRequest(resources.StudyDeadLetterQueueUrl, StudyMessageJson.Serialize(message))
        {
            MessageGroupId = message.StudyKey,
            MessageDeduplicationId = DeduplicationIds.From("dead-letter", message.DeduplicationId(), reason),
            MessageAttributes = new Dictionary<string, SqsMessageAttribute> { [StudyQueueAttributes.DeadLetterReason] = SqsMessageAttribute.String(reason) },
        }, cancellationToken);

    private static ReceivedStudyMessage ToReceived(SqsMessage message) => new(
        StudyMessageJson.TryDeserialize(message.Body),
        message.MessageId,
        message.ReceiptHandle,
        message.MessageGroupId ?? "",
        message.ApproximateReceiveCount,
        message.Body,
        message.MessageAttributes.GetValueOrDefault(StudyQueueAttributes.TraceParent)?.StringValue)
    {
        SentAt = Timestamp(message, SqsSystemAttributes.SentTimestamp),
        FirstReceivedAt = Timestamp(message, SqsSystemAttributes.ApproximateFirstReceiveTimestamp),
    };

    private static DateTimeOffset? Timestamp(SqsMessage message, string attribute) =>
        message.Attributes.TryGetValue(attribute, out var text)
        && long.TryParse(text, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var ms)
        && ms is >= 0 and <= 253_402_300_799_999
            ? DateTimeOffset.FromUnixTimeMilliseconds(ms)
            : null;
}
