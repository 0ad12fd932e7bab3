using Amazon.DynamoDBv2.Model;

namespace MedImaging.Aws.DynamoDb;

/// <summary>An error answer as DynamoDB sends it: the exception type's short name, its message, and per-item reasons of a cancelled transaction.</summary>
internal sealed record DynamoDbError(string? Code, string? Message, List<CancellationReason>? CancellationReasons);
