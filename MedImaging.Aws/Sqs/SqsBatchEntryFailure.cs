namespace MedImaging.Aws.Sqs;

/// <summary>One entry of a batch request that SQS refused, by its position in the request, with SQS's error code.</summary>
public sealed record SqsBatchEntryFailure(int Index, string Code, string Message, bool SenderFault);
