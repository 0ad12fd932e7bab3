namespace MedImaging.Aws.Sqs;

/// <summary>Names of queue attributes used with CreateQueue and GetQueueAttributes.</summary>
public static class SqsQueueAttributes
{
    public const string All = "All";
    public const string FifoQueue = "FifoQueue";
    public const string ContentBasedDeduplication = "ContentBasedDeduplication";
    public const string VisibilityTimeout = "VisibilityTimeout";
    public const string MessageRetentionPeriod = "MessageRetentionPeriod";
    public const string ReceiveMessageWaitTimeSeconds = "ReceiveMessageWaitTimeSeconds";
    public const string DelaySeconds = "DelaySeconds";
    public const string RedrivePolicy = "RedrivePolicy";
    public const string QueueArn = "QueueArn";
    public const string ApproximateNumberOfMessages = "ApproximateNumberOfMessages";
    public const string ApproximateNumberOfMessagesNotVisible = "ApproximateNumberOfMessagesNotVisible";
    public const string ApproximateNumberOfMessagesDelayed = "ApproximateNumberOfMessagesDelayed";
}
