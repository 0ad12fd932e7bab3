using System.Net;
using System.Net.Sockets;
using Amazon.DynamoDBv2.Model;
using MedImaging.Orleans.DynamoDB.Clustering;
using MedImaging.Orleans.DynamoDB.Persistence;
using MedImaging.Orleans.DynamoDB.Reminders;
using MedImaging.Orleans.DynamoDB.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans;
using Orleans.Hosting;
using Orleans.Messaging;
using Orleans.Runtime;
using Orleans.Storage;

namespace MedImaging.Orleans.DynamoDB.Tests.Shared;

/// <summary>
/// A silo and a client configured only by keys, the way Aspire.Hosting.Orleans configures them
/// (Orleans:Clustering:ProviderType, Orleans:GrainStorage:{name}:ProviderType, Orleans:Reminders:ProviderType, each
/// with a ServiceKey naming the connection string of the DynamoDB resource).
/// </summary>
[Collection(DynamoDbLocalCollection.Name)]
public sealed class ConfigurationRegistrationTests(DynamoDbLocalFixture dynamo)
{
    [Fact]
    public async Task A_silo_and_a_client_built_from_configuration_keys_use_the_DynamoDB_providers()
    {
        var (clusterId, serviceId) = (Unique.Id("cluster"), Unique.Id("service"));
        Dictionary<string, string?> common = new()
        {
            ["ConnectionStrings:dynamodb"] = dynamo.ServiceUrl,
            ["Orleans:ClusterId"] = clusterId,
            ["Orleans:ServiceId"] = serviceId,
            ["Orleans:Clustering:ProviderType"] = "DynamoDB",
            ["Orleans:Clustering:ServiceKey"] = "dynamodb",
        };
        var silo = Build(new(common)
        {
            ["Orleans:GrainStorage:Default:ProviderType"] = "DynamoDB",
            ["Orleans:GrainStorage:Default:ServiceKey"] = "dynamodb",
            ["Orleans:Reminders:ProviderType"] = "DynamoDB",
            ["Orleans:Reminders:ServiceKey"] = "dynamodb",
            ["Orleans:Endpoints:AdvertisedIPAddress"] = "127.0.0.1",
            ["Orleans:Endpoints:SiloPort"] = FreePort(),
            ["Orleans:Endpoints:GatewayPort"] = FreePort(),
        }, b => b.UseOrleans(silo => silo.Services.AddStudyGrainSerializers()));
        var client = Build(common, b => b.UseOrleansClient(orleans => orleans.Services.AddStudyGrainSerializers()));

        await silo.StartAsync();
        try
        {
            await client.StartAsync();
            var orleans = client.Services.GetRequiredService<IClusterClient>();
            Assert.Equal(1, await orleans.GetGrain<ICounterGrain>("configured").Increment());
            await orleans.GetGrain<IReminderProbeGrain>("configured").Arm(TimeSpan.FromHours(1), TimeSpan.FromHours(1));

            Assert.IsType<DynamoDBMembershipTable>(silo.Services.GetRequiredService<IMembershipTable>());
            Assert.IsType<DynamoDBGrainStorage>(silo.Services.GetRequiredKeyedService<IGrainStorage>("Default"));
            Assert.IsType<DynamoDBReminderTable>(silo.Services.GetRequiredService<IReminderTable>());
            Assert.IsType<DynamoDBGatewayListProvider>(client.Services.GetRequiredService<IGatewayListProvider>());
            Assert.Contains(await Query("OrleansSilos", "DeploymentId", clusterId), item => item["SiloStatus"].N == ((int)SiloStatus.Active).ToString());
            Assert.Single(await Query("OrleansGrainState", "GrainReference", $"{serviceId}_counter/configured"));
            Assert.Single(await Query("OrleansReminders", "ServiceId", serviceId, index: "ServiceIdIndex"));

            await orleans.GetGrain<IReminderProbeGrain>("configured").Disarm();
        }
        finally
        {
            await client.StopAsync();
            await silo.StopAsync();
            client.Dispose();
            silo.Dispose();
        }
    }

    private static IHost Build(Dictionary<string, string?> configuration, Action<HostApplicationBuilder> useOrleans)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, EnvironmentName = "Development" });
        builder.Configuration.AddInMemoryCollection(configuration);
        useOrleans(builder);
        return builder.Build();
    }

    private async Task<List<Dictionary<string, AttributeValue>>> Query(string table, string hashKey, string value, string? index = null) =>
        (await dynamo.Client.QueryAsync(new QueryRequest
        {
            TableName = table,
            IndexName = index,
            KeyConditionExpression = "#key = :value",
            ExpressionAttributeNames = new() { ["#key"] = hashKey },
            ExpressionAttributeValues = new() { [":value"] = new AttributeValue { S = value } },
        })).Items ?? [];

    private static string FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}
