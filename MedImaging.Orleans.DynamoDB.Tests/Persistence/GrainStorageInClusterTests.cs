using MedImaging.Orleans.DynamoDB.Persistence;
using MedImaging.Orleans.DynamoDB.Tests.Infrastructure;
using Orleans;

namespace MedImaging.Orleans.DynamoDB.Tests.Persistence;

[Collection(DynamoDbLocalCollection.Name)]
public sealed class GrainStorageInClusterTests(DynamoDbLocalFixture dynamo)
{
    [Fact]
    public async Task A_grain_reads_its_state_back_after_deactivation_and_a_too_large_state_reaches_the_caller_as_a_clear_error()
    {
        await using var cluster = DynamoDBTestCluster.Build(dynamo, silos: 1, Unique.Id("service"), Unique.Id("cluster"));
        await cluster.DeployAsync();
        var blob = cluster.Client.GetGrain<IBlobGrain>("blob");
        await blob.Save(100 * 1024);
        await cluster.Client.GetGrain<ICounterGrain>("counter").Increment();

        await cluster.DeactivateAsync(blob);
        await cluster.DeactivateAsync(cluster.Client.GetGrain<ICounterGrain>("counter"));

        Assert.Equal(100 * 1024, await blob.Length());
        Assert.Equal(2, await cluster.Client.GetGrain<ICounterGrain>("counter").Increment());
        var refused = await Assert.ThrowsAsync<GrainStateTooLargeException>(() => blob.Save(500 * 1024));
        Assert.Contains("400 KB", refused.Message);
        await cluster.DeactivateAsync(blob);
        Assert.Equal(100 * 1024, await blob.Length());
    }
}
