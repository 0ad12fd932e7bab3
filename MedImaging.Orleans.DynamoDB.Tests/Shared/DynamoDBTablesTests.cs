using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using MedImaging.Orleans.DynamoDB.Clustering;
using MedImaging.Orleans.DynamoDB.Persistence;
using MedImaging.Orleans.DynamoDB.Reminders;
using MedImaging.Orleans.DynamoDB.Shared;
using MedImaging.Orleans.DynamoDB.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;

namespace MedImaging.Orleans.DynamoDB.Tests.Shared;

[Collection(DynamoDbLocalCollection.Name)]
public sealed class DynamoDBTablesTests(DynamoDbLocalFixture dynamo)
{
    [Fact]
    public async Task The_membership_table_is_created_on_demand_with_Microsofts_key_schema()
    {
        var table = await CreateAsync(SiloTable.CreateRequest(Unique.Id("silos")));

        Assert.Equal(["DeploymentId:HASH:S", "SiloIdentity:RANGE:S"], Keys(table, table.KeySchema));
        Assert.Equal(BillingMode.PAY_PER_REQUEST, table.BillingModeSummary?.BillingMode);
    }

    [Fact]
    public async Task The_grain_state_table_is_created_on_demand_with_Microsofts_key_schema()
    {
        var table = await CreateAsync(GrainStateTable.CreateRequest(Unique.Id("state")));

        Assert.Equal(["GrainReference:HASH:S", "GrainType:RANGE:S"], Keys(table, table.KeySchema));
    }

    [Fact]
    public async Task The_reminder_table_is_created_on_demand_with_Microsofts_keys_and_indexes()
    {
        var table = await CreateAsync(ReminderTable.CreateRequest(Unique.Id("reminders")));

        Assert.Equal(["ReminderId:HASH:S", "GrainHash:RANGE:N"], Keys(table, table.KeySchema));
        var indexes = (table.GlobalSecondaryIndexes ?? []).ToDictionary(i => i.IndexName, i => Keys(table, i.KeySchema));
        Assert.Equal(["ServiceIdGrainReferenceIndex", "ServiceIdIndex"], indexes.Keys.Order());
        Assert.Equal(["ServiceId:HASH:S", "GrainHash:RANGE:N"], indexes["ServiceIdIndex"]);
        Assert.Equal(["ServiceId:HASH:S", "GrainReference:RANGE:S"], indexes["ServiceIdGrainReferenceIndex"]);
        Assert.All(table.GlobalSecondaryIndexes!, i => Assert.Equal(ProjectionType.ALL, i.Projection.ProjectionType));
    }

    [Fact]
    public async Task Provisioned_throughput_applies_to_the_table_and_its_indexes()
    {
        var table = await CreateAsync(
            ReminderTable.CreateRequest(Unique.Id("reminders")),
            o => (o.UseProvisionedThroughput, o.ReadCapacityUnits, o.WriteCapacityUnits) = (true, 7, 3));

        Assert.Equal((7, 3), (table.ProvisionedThroughput.ReadCapacityUnits, table.ProvisionedThroughput.WriteCapacityUnits));
        Assert.All(table.GlobalSecondaryIndexes!, i =>
            Assert.Equal((7, 3), (i.ProvisionedThroughput.ReadCapacityUnits, i.ProvisionedThroughput.WriteCapacityUnits)));
    }

    [Fact]
    public async Task An_existing_table_is_used_as_it_is()
    {
        var name = Unique.Id("silos");
        await CreateAsync(SiloTable.CreateRequest(name));

        var again = await CreateAsync(SiloTable.CreateRequest(name), o => o.CreateIfNotExists = false);

        Assert.Equal(TableStatus.ACTIVE, again.TableStatus);
    }

    [Fact]
    public async Task A_missing_table_without_CreateIfNotExists_is_an_error_naming_the_table()
    {
        var name = Unique.Id("missing");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => CreateAsync(SiloTable.CreateRequest(name), o => o.CreateIfNotExists = false));

        Assert.Contains(name, error.Message);
        Assert.Contains("CreateIfNotExists", error.Message);
        await Assert.ThrowsAsync<ResourceNotFoundException>(() => dynamo.Client.DescribeTableAsync(name));
    }

    private async Task<TableDescription> CreateAsync(CreateTableRequest request, Action<DynamoDBOrleansOptions>? configure = null)
    {
        await DynamoDBTables.EnsureAsync(dynamo.Client, dynamo.Options(configure), request, NullLogger.Instance, CancellationToken.None);
        return (await dynamo.Client.DescribeTableAsync(request.TableName)).Table;
    }

    private static List<string> Keys(TableDescription table, List<KeySchemaElement> keys) =>
        [.. keys.Select(k => $"{k.AttributeName}:{k.KeyType}:{table.AttributeDefinitions.Single(a => a.AttributeName == k.AttributeName).AttributeType}")];
}
