namespace MedImaging.Aws.Sqs;

/// <summary>A received message. <see cref="Attributes"/> holds system attributes such as ApproximateReceiveCount.</summary>
public sealed record SqsMessage(
    string MessageId,
    string ReceiptHandle,
    string Body,
    IReadOnlyDictionary<string, string> Attributes,
    IReadOnlyDictionary<string, SqsMessageAttribute> MessageAttributes)
{
    /// <summary>How many times this message has been received (1 on first delivery), or 0 when not requested.</summary>
    public int ApproximateReceiveCount =>
        Attributes.TryGetValue(SqsSystemAttributes.ApproximateReceiveCount, out var value) && int.TryParse(value, out var count) ? count : 0;

    public string? MessageGroupId => Attributes.GetValueOrDefault(SqsSystemAttributes.MessageGroupId);

    // Bodies may carry identifiers; keep them out of logs.
    public override string ToString() => $"SqsMessage {{ MessageId = {MessageId}, ReceiveCount = {ApproximateReceiveCount} }}";
}
