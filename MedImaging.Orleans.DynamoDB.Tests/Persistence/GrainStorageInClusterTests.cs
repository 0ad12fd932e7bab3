using MedImaging.Orleans.DynamoDB.Persistence;
using MedImaging.Orleans.DynamoDB.Tests.Infrastructure;
using Amazon.DynamoDBv2.Model;
using Orleans;
using Orleans.Storage;

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

    [Fact]
    public async Task A_write_after_another_writer_changed_the_item_reaches_the_caller_as_InconsistentStateException()
    {
        var serviceId = Unique.Id("service");
        await using var cluster = DynamoDBTestCluster.Build(dynamo, silos: 1, serviceId, Unique.Id("cluster"));
        await cluster.DeployAsync();
        var counter = cluster.Client.GetGrain<ICounterGrain>("contended");
        Assert.Equal(1, await counter.Increment());

        await dynamo.Client.UpdateItemAsync(new UpdateItemRequest
        {
            TableName = DynamoDBOrleansOptions.DefaultGrainStateTableName,
            Key = new()
            {
                ["GrainReference"] = new AttributeValue { S = $"{serviceId}_{counter.GetGrainId()}" },
                ["GrainType"] = new AttributeValue { S = "counter" },
            },
            UpdateExpression = "SET ETag = ETag + :one",
            ExpressionAttributeValues = new() { [":one"] = new AttributeValue { N = "1" } },
        });

        var conflict = await Assert.ThrowsAsync<InconsistentStateException>(() => counter.Increment());
        Assert.Equal("1", conflict.StoredEtag);
        Assert.Equal("0", conflict.CurrentEtag);
        Assert.Equal(2, await counter.Increment());
    }
}
