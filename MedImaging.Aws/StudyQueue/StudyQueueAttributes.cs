namespace MedImaging.Aws.StudyQueue;

/// <summary>Names of the message attributes study messages carry on the study, timer and dead-letter queues.</summary>
public static class StudyQueueAttributes
{
    /// <summary>W3C trace context of the sender, continued by the consumer.</summary>
    public const string TraceParent = "traceparent";

    /// <summary>Why a message was dead-lettered (an exception type or a short fixed text, never message content).</summary>
    public const string DeadLetterReason = "deadLetterReason";

    /// <summary>On the timer queue: the FIFO message group the message goes to when due.</summary>
    public const string GroupId = "groupId";

    /// <summary>On the timer queue: the FIFO deduplication id it is forwarded with.</summary>
    public const string DeduplicationId = "deduplicationId";

    /// <summary>On the timer queue: when it is due, Unix milliseconds (delays beyond SQS's 15 minutes are re-delayed).</summary>
    public const string DueAt = "dueAt";
}
