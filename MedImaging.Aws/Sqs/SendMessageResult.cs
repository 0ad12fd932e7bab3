namespace MedImaging.Aws.Sqs;

/// <summary>What SQS answered to a send; <see cref="SequenceNumber"/> is set for FIFO queues only.</summary>
public sealed record SendMessageResult(string MessageId, string? SequenceNumber);
