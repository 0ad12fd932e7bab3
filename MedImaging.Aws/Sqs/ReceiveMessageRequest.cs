namespace MedImaging.Aws.Sqs;

/// <summary>A receive. <see cref="WaitTimeSeconds"/> &gt; 0 long-polls (at most 20 s).</summary>
public sealed record ReceiveMessageRequest(string QueueUrl)
{
    public int MaxNumberOfMessages { get; init; } = 1;
    public int WaitTimeSeconds { get; init; }
    public int? VisibilityTimeout { get; init; }
    public IReadOnlyList<string> SystemAttributeNames { get; init; } = [SqsSystemAttributes.All];
    public IReadOnlyList<string> MessageAttributeNames { get; init; } = ["All"];
}
