namespace MedImaging.Aws.Sqs;

/// <summary>A message to send. FIFO queues need <see cref="MessageGroupId"/> and, without content-based
/// deduplication, <see cref="MessageDeduplicationId"/>. <see cref="DelaySeconds"/> is 0..900.</summary>
public sealed record SendMessageRequest(string QueueUrl, string Body)
{
    public string? MessageGroupId { get; init; }
    public string? MessageDeduplicationId { get; init; }
    public int? DelaySeconds { get; init; }
    public IReadOnlyDictionary<string, SqsMessageAttribute>? MessageAttributes { get; init; }
}
