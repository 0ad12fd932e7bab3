namespace MedImaging.Aws.Sqs;

// Shapes of the SQS JSON 1.0 protocol, named exactly as on the wire.

internal sealed record WireMessageAttribute(string DataType, string? StringValue, byte[]? BinaryValue);

internal sealed record WireCreateQueueRequest(string QueueName, Dictionary<string, string>? Attributes);

internal sealed record WireQueueUrlResponse(string QueueUrl);

internal sealed record WireGetQueueUrlRequest(string QueueName);

internal sealed record WireGetQueueAttributesRequest(string QueueUrl, IReadOnlyList<string> AttributeNames);

internal sealed record WireGetQueueAttributesResponse(Dictionary<string, string>? Attributes);

internal sealed record WireSendMessageRequest(
    string QueueUrl,
    string MessageBody,
    int? DelaySeconds,
    string? MessageGroupId,
    string? MessageDeduplicationId,
    Dictionary<string, WireMessageAttribute>? MessageAttributes);

internal sealed record WireSendMessageResponse(string MessageId, string? SequenceNumber);

internal sealed record WireReceiveMessageRequest(
    string QueueUrl,
    int MaxNumberOfMessages,
    int WaitTimeSeconds,
    int? VisibilityTimeout,
    IReadOnlyList<string> MessageSystemAttributeNames,
    // Older servers only know the legacy name; sending both is accepted by SQS.
    IReadOnlyList<string> AttributeNames,
    IReadOnlyList<string> MessageAttributeNames);

internal sealed record WireReceivedMessage(
    string MessageId,
    string ReceiptHandle,
    string? Body,
    Dictionary<string, string>? Attributes,
    Dictionary<string, WireMessageAttribute>? MessageAttributes);

internal sealed record WireReceiveMessageResponse(List<WireReceivedMessage>? Messages);

internal sealed record WireDeleteMessageRequest(string QueueUrl, string ReceiptHandle);

internal sealed record WireChangeMessageVisibilityRequest(string QueueUrl, string ReceiptHandle, int VisibilityTimeout);

internal sealed record WireDeleteQueueRequest(string QueueUrl);

internal sealed record WirePurgeQueueRequest(string QueueUrl);

internal sealed record WireDeleteMessageBatchEntry(string Id, string ReceiptHandle);

internal sealed record WireDeleteMessageBatchRequest(string QueueUrl, IReadOnlyList<WireDeleteMessageBatchEntry> Entries);

internal sealed record WireBatchResultEntry(string Id);

internal sealed record WireBatchErrorEntry(string Id, string? Code, string? Message, bool SenderFault);

internal sealed record WireBatchResponse(List<WireBatchResultEntry>? Successful, List<WireBatchErrorEntry>? Failed);

internal sealed record WireSendMessageBatchEntry(
    string Id,
    string MessageBody,
    int? DelaySeconds,
    string? MessageGroupId,
    string? MessageDeduplicationId,
    Dictionary<string, WireMessageAttribute>? MessageAttributes);

internal sealed record WireSendMessageBatchRequest(string QueueUrl, IReadOnlyList<WireSendMessageBatchEntry> Entries);
