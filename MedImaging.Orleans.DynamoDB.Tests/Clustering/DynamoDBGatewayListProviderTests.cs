using MedImaging.Orleans.DynamoDB.Clustering;
using MedImaging.Orleans.DynamoDB.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Runtime;
using static MedImaging.Orleans.DynamoDB.Tests.Clustering.MembershipTableFactory;

namespace MedImaging.Orleans.DynamoDB.Tests.Clustering;

[Collection(DynamoDbLocalCollection.Name)]
public sealed class DynamoDBGatewayListProviderTests(DynamoDbLocalFixture dynamo)
{
    [Fact]
    public async Task GetGateways_lists_the_active_silos_of_the_cluster_that_accept_clients()
    {
        var clusterId = Unique.Id("cluster");
        var table = await CreateAsync(dynamo, clusterId);
        var other = await CreateAsync(dynamo, Unique.Id("other"));
        foreach (var entry in (MembershipEntry[])
        [
            Entry(11111, SiloStatus.Active, proxyPort: 30001),
            Entry(22222, SiloStatus.Joining, proxyPort: 30002),
            Entry(33333, SiloStatus.Active, proxyPort: 0),
            Entry(44444, SiloStatus.Dead, proxyPort: 30004),
        ])
            Assert.True(await table.InsertRow(entry, (await table.ReadAll()).Version.Next()));
        Assert.True(await other.InsertRow(Entry(55555, SiloStatus.Active, proxyPort: 30005), (await other.ReadAll()).Version.Next()));
        var provider = new DynamoDBGatewayListProvider(
            new FixedOptionsMonitor<DynamoDBOrleansOptions>(dynamo.Options()),
            Options.Create(new ClusterOptions { ClusterId = clusterId }),
            Options.Create(new GatewayOptions()),
            NullLogger<DynamoDBGatewayListProvider>.Instance);
        await provider.InitializeGatewayListProvider();

        var gateways = await provider.GetGateways();

        Assert.Equal(SiloAddress.New(System.Net.IPAddress.Loopback, 30001, 7).ToGatewayUri(), Assert.Single(gateways));
        Assert.True(provider.IsUpdatable);
    }
}
