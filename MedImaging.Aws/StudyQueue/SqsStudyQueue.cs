using System.Diagnostics;
using MedImaging.Aws.Configuration;
using MedImaging.Aws.Sqs;
using MedImaging.Aws.Studies;

namespace MedImaging.Aws.StudyQueue;

/// <summary>The study queue on SQS FIFO, through our own SQS client.</summary>
public sealed class SqsStudyQueue(SqsClient sqs, ResourceNames resources) : IStudyQueue
{
    private const string TraceParentAttribute = "traceparent";
    private const string DeadLetterReasonAttribute = "deadLetterReason";

    public async Task SendAsync(StudyMessage message, TimeSpan? delay = null, CancellationToken cancellationToken = default)
    {
        var attributes = new Dictionary<string, SqsMessageAttribute>();
        if (Activity.Current?.Id is { } traceParent) attributes[TraceParentAttribute] = SqsMessageAttribute.String(traceParent);
        await sqs.SendMessageAsync(new SendMessageRequest(resources.StudyQueueUrl, StudyMessageJson.Serialize(message))
        {
            MessageGroupId = message.StudyKey,
            MessageDeduplicationId = message.DeduplicationId(),
            DelaySeconds = delay is { } d ? (int)Math.Clamp(Math.Ceiling(d.TotalSeconds), 0, 900) : null,
            MessageAttributes = attributes.Count > 0 ? attributes : null,
        }, cancellationToken);
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

    public Task SetVisibilityAsync(ReceivedStudyMessage message, TimeSpan visibility, CancellationToken cancellationToken) =>
        sqs.ChangeMessageVisibilityAsync(resources.StudyQueueUrl, message.ReceiptHandle, (int)Math.Ceiling(visibility.TotalSeconds), cancellationToken);

    public async Task DeadLetterAsync(ReceivedStudyMessage message, string reason, CancellationToken cancellationToken)
    {
        await sqs.SendMessageAsync(new SendMessageRequest(resources.StudyDeadLetterQueueUrl, message.Body)
        {
            MessageGroupId = message.GroupId,
            MessageDeduplicationId = message.MessageId,
            MessageAttributes = new Dictionary<string, SqsMessageAttribute> { [DeadLetterReasonAttribute] = SqsMessageAttribute.String(reason) },
        }, cancellationToken);
        await DeleteAsync(message, cancellationToken);
    }

    public Task SendToDeadLetterAsync(StudyMessage message, string reason, CancellationToken cancellationToken) =>
        sqs.SendMessageAsync(new SendMessageRequest(resources.StudyDeadLetterQueueUrl, StudyMessageJson.Serialize(message))
        {
            MessageGroupId = message.StudyKey,
            MessageDeduplicationId = DeduplicationIds.From("dead-letter", message.DeduplicationId(), reason),
            MessageAttributes = new Dictionary<string, SqsMessageAttribute> { [DeadLetterReasonAttribute] = SqsMessageAttribute.String(reason) },
        }, cancellationToken);

    private static ReceivedStudyMessage ToReceived(SqsMessage message) => new(
        StudyMessageJson.TryDeserialize(message.Body),
        message.MessageId,
        message.ReceiptHandle,
        message.MessageGroupId ?? "",
        message.ApproximateReceiveCount,
        message.Body,
        message.MessageAttributes.GetValueOrDefault(TraceParentAttribute)?.StringValue);
}
