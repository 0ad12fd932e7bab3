namespace MedImaging.Cli.Commands.BenchFloor;

/// <param name="DynamoDbUrl">DynamoDB Local (or any DynamoDB endpoint that takes unverified signatures).</param>
/// <param name="FauxqsUrl">The S3, SQS and SNS endpoint.</param>
/// <param name="Instances">Measured one-instance studies.</param>
/// <param name="Concurrency">Workers, each carrying batches of studies through the requests one after another.</param>
/// <param name="WarmupInstances">Studies sent first and not counted (the emulators' JITs warm up).</param>
/// <param name="SystemPid">The process whose descendants are the emulators (the AppHost), for their CPU.</param>
public sealed record FloorBenchSettings(
    Uri DynamoDbUrl,
    Uri FauxqsUrl,
    int Instances,
    int Concurrency,
    int WarmupInstances,
    string Source,
    int? SystemPid = null,
    bool Peer = true)
{
    /// <summary>Studies carried together: one SQS send, receive and delete batch (at most 10 entries) and one
    /// DynamoDB BatchWriteItem (two items per study, at most 25).</summary>
    public const int BatchSize = 10;
}
