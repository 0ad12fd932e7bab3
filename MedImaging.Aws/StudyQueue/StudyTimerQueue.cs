using System.Globalization;
using MedImaging.Aws.Configuration;
using MedImaging.Aws.Sqs;

namespace MedImaging.Aws.StudyQueue;

/// <summary>
/// Delayed study messages. FIFO queues refuse per-message DelaySeconds, so a delayed message waits on a standard
/// "timer" queue (DelaySeconds, at most 15 minutes per hop) and a silo forwards it when due into the FIFO study
/// queue with its group id, deduplication id and trace context. The timer message is deleted only after the FIFO
/// send succeeded: a crash in between forwards it twice, which the FIFO queue's deduplication absorbs.
/// </summary>
public sealed class StudyTimerQueue(SqsClient sqs, ResourceNames resources, TimeProvider clock)
{
    /// <summary>SQS's largest DelaySeconds.</summary>
    public static readonly TimeSpan MaxHop = TimeSpan.FromSeconds(900);

    private const string MalformedReason = "malformed timer message";

    public bool IsConfigured => !string.IsNullOrWhiteSpace(resources.StudyTimerQueueUrl);

    public async Task ScheduleAsync(StudyTimer timer, CancellationToken cancellationToken)
    {
        if (!IsConfigured)
            throw new InvalidOperationException($"{ResourceNames.SectionName}:{nameof(ResourceNames.StudyTimerQueueUrl)} is not set; delayed study messages need the timer queue.");
        var attributes = new Dictionary<string, SqsMessageAttribute>
        {
            [StudyQueueAttributes.GroupId] = SqsMessageAttribute.String(timer.GroupId),
            [StudyQueueAttributes.DeduplicationId] = SqsMessageAttribute.String(timer.DeduplicationId),
            [StudyQueueAttributes.DueAt] = SqsMessageAttribute.Number(timer.DueAt.ToUnixTimeMilliseconds()),
        };
        if (timer.TraceParent is { } traceParent) attributes[StudyQueueAttributes.TraceParent] = SqsMessageAttribute.String(traceParent);
        await sqs.SendMessageAsync(new SendMessageRequest(resources.StudyTimerQueueUrl, timer.Body)
        {
            DelaySeconds = HopSeconds(timer.DueAt - clock.GetUtcNow()),
            MessageAttributes = attributes,
        }, cancellationToken);
    }

    public async Task<IReadOnlyList<ReceivedStudyTimer>> ReceiveAsync(int maxMessages, TimeSpan wait, CancellationToken cancellationToken)
    {
        var messages = await sqs.ReceiveMessagesAsync(new ReceiveMessageRequest(resources.StudyTimerQueueUrl)
        {
            MaxNumberOfMessages = Math.Clamp(maxMessages, 1, 10),
            WaitTimeSeconds = (int)Math.Clamp(wait.TotalSeconds, 0, 20),
        }, cancellationToken);
        return messages.Select(ToReceived).ToList();
    }

    /// <summary>
    /// Forwards a due timer into the study queue, or puts one that is not yet due back with its remaining delay;
    /// <paramref name="traceParent"/> replaces the stored trace context (the forwarder's own span, a child of it).
    /// </summary>
    public async Task<TimerOutcome> ForwardAsync(ReceivedStudyTimer received, string? traceParent, CancellationToken cancellationToken)
    {
        if (received.Timer is not { } timer)
        {
            await sqs.SendMessageAsync(new SendMessageRequest(resources.StudyDeadLetterQueueUrl, received.Body)
            {
                MessageGroupId = "timer",
                MessageDeduplicationId = received.MessageId,
                MessageAttributes = new Dictionary<string, SqsMessageAttribute>
                {
                    [StudyQueueAttributes.DeadLetterReason] = SqsMessageAttribute.String(MalformedReason),
                },
            }, cancellationToken);
            await DeleteAsync(received, cancellationToken);
            return TimerOutcome.DeadLettered;
        }
        if (timer.DueAt > clock.GetUtcNow())
        {
            await ScheduleAsync(timer, cancellationToken);
            await DeleteAsync(received, cancellationToken);
            return TimerOutcome.Redelayed;
        }
        await sqs.SendMessageAsync(StudyQueueRequests.ToStudyQueue(
            resources.StudyQueueUrl, timer.Body, timer.GroupId, timer.DeduplicationId, traceParent ?? timer.TraceParent), cancellationToken);
        await DeleteAsync(received, cancellationToken);
        return TimerOutcome.Forwarded;
    }

    private Task DeleteAsync(ReceivedStudyTimer received, CancellationToken cancellationToken) =>
        sqs.DeleteMessageAsync(resources.StudyTimerQueueUrl, received.ReceiptHandle, cancellationToken);

    // Rounded up, so a message is never forwarded before it is due.
    private static int HopSeconds(TimeSpan remaining) =>
        (int)Math.Clamp(Math.Ceiling(remaining.TotalSeconds), 0, MaxHop.TotalSeconds);

    private static ReceivedStudyTimer ToReceived(SqsMessage message)
    {
        string? Text(string name) => message.MessageAttributes.GetValueOrDefault(name)?.StringValue;
        StudyTimer? timer = null;
        if (Text(StudyQueueAttributes.GroupId) is { Length: > 0 } groupId
            && Text(StudyQueueAttributes.DeduplicationId) is { Length: > 0 } deduplicationId
            && long.TryParse(Text(StudyQueueAttributes.DueAt), NumberStyles.Integer, CultureInfo.InvariantCulture, out var dueAt)
            && dueAt is >= 0 and <= 253_402_300_799_999) // DateTimeOffset's range
        {
            timer = new StudyTimer(message.Body, groupId, deduplicationId, Text(StudyQueueAttributes.TraceParent),
                DateTimeOffset.FromUnixTimeMilliseconds(dueAt));
        }
        return new ReceivedStudyTimer(timer, message.MessageId, message.ReceiptHandle, message.Body);
    }
}
