namespace MedImaging.Aws.Sqs;

/// <summary>Names of message system attributes a receive can ask for.</summary>
public static class SqsSystemAttributes
{
    public const string All = "All";
    public const string ApproximateReceiveCount = "ApproximateReceiveCount";
    public const string ApproximateFirstReceiveTimestamp = "ApproximateFirstReceiveTimestamp";
    public const string SentTimestamp = "SentTimestamp";
    public const string MessageGroupId = "MessageGroupId";
    public const string MessageDeduplicationId = "MessageDeduplicationId";
    public const string SequenceNumber = "SequenceNumber";
}
