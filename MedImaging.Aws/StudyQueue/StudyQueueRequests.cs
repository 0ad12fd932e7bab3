using MedImaging.Aws.Sqs;

namespace MedImaging.Aws.StudyQueue;

/// <summary>The one shape of a send to the FIFO study queue, whether direct or forwarded from the timer queue.</summary>
internal static class StudyQueueRequests
{
    public static SendMessageRequest ToStudyQueue(string queueUrl, string body, string groupId, string deduplicationId, string? traceParent) =>
        new(queueUrl, body)
        {
            MessageGroupId = groupId,
            MessageDeduplicationId = deduplicationId,
            MessageAttributes = traceParent is null
                ? null
                : new Dictionary<string, SqsMessageAttribute> { [StudyQueueAttributes.TraceParent] = SqsMessageAttribute.String(traceParent) },
        };
}
