namespace MedImaging.Aws.Sqs;

/// <summary>A queue to create; a name ending in ".fifo" with <see cref="Fifo"/> makes a FIFO queue.</summary>
public sealed record CreateQueueRequest(string QueueName)
{
    public bool Fifo { get; init; }
    public bool ContentBasedDeduplication { get; init; }
    public int? VisibilityTimeoutSeconds { get; init; }
    public int? MessageRetentionPeriodSeconds { get; init; }
    public SqsRedrivePolicy? RedrivePolicy { get; init; }

    /// <summary>The attribute map sent to SQS.</summary>
    public Dictionary<string, string> ToAttributes()
    {
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
        if (Fifo)
        {
            attributes[SqsQueueAttributes.FifoQueue] = "true";
            attributes[SqsQueueAttributes.ContentBasedDeduplication] = ContentBasedDeduplication ? "true" : "false";
        }
        if (VisibilityTimeoutSeconds is { } visibility)
        {
            attributes[SqsQueueAttributes.VisibilityTimeout] = Invariant(visibility);
        }
        if (MessageRetentionPeriodSeconds is { } retention)
        {
            attributes[SqsQueueAttributes.MessageRetentionPeriod] = Invariant(retention);
        }
        if (RedrivePolicy is { } redrive)
        {
            attributes[SqsQueueAttributes.RedrivePolicy] = redrive.ToAttributeValue();
        }
        return attributes;
    }

    private static string Invariant(int value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
