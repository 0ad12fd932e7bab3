using Orleans;
using Orleans.Runtime;

namespace MedImaging.Orleans.DynamoDB.Persistence;

/// <summary>
/// A grain's state does not fit in one DynamoDB item. It is refused before any write, so the stored state and its
/// ETag are unchanged. Split the state (several grains or states) or keep the bulk elsewhere (S3).
/// </summary>
[GenerateSerializer]
public sealed class GrainStateTooLargeException : OrleansException
{
    public GrainStateTooLargeException(string grainType, string grainReference, int itemBytes)
        : base(
            $"The state '{grainType}' of grain {grainReference} is {itemBytes:N0} bytes as a DynamoDB item, over DynamoDB's " +
            $"limit of {GrainStateTable.MaxItemBytes:N0} bytes (400 KB); it was not written. " +
            "Keep large data out of grain state (split it, or store it in S3 and keep a reference).") =>
        ItemBytes = itemBytes;

    [Id(0)]
    public int ItemBytes { get; private set; }
}
