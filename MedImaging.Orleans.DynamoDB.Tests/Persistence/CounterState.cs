using Orleans;

namespace MedImaging.Orleans.DynamoDB.Tests.Persistence;

[GenerateSerializer]
public sealed record CounterState
{
    [Id(0)]
    public int Count { get; init; }

    [Id(1)]
    public string Writer { get; init; } = "";
}
