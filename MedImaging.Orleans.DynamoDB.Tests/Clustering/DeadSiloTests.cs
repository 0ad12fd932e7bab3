using MedImaging.Orleans.DynamoDB.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans;
using Orleans.Configuration;
using Orleans.TestingHost;
using Orleans.Runtime;

namespace MedImaging.Orleans.DynamoDB.Tests.Clustering;

[Collection(DynamoDbLocalCollection.Name)]
public sealed class DeadSiloTests(DynamoDbLocalFixture dynamo)
{
    [Fact]
    public async Task A_killed_silo_is_declared_dead_in_the_table_by_the_silo_that_survives()
    {
        var clusterId = Unique.Id("cluster");
        await using var proxy = new CuttableProxy(dynamo.ServiceUrl);
        await using var cluster = DynamoDBTestCluster.Build(dynamo, silos: 2, Unique.Id("service"), clusterId, secondSiloServiceUrl: proxy.Url);
        await cluster.DeployAsync();
        Assert.Equal(1, await cluster.Client.GetGrain<ICounterGrain>("before-the-kill").Increment());
        var membership = await MembershipTableFactory.CreateAsync(dynamo, clusterId, initialize: false);
        var (survivor, victim) = (cluster.Silos[0], cluster.Silos[1]);
        Assert.Equal(DynamoDBTestCluster.SecondSiloName, victim.Name);
        Assert.All((await membership.ReadAll()).Members, m => Assert.Equal(SiloStatus.Active, m.Item1.Status));

        // Cut off from the table, the victim would retry writing its own Stopping and Dead for MaxJoinAttemptTime
        // (minutes) while it is killed; a crashed process makes no attempt at all.
        ((InProcessSiloHandle)victim).SiloHost.Services.GetRequiredService<IOptions<ClusterMembershipOptions>>().Value.MaxJoinAttemptTime =
            TimeSpan.FromMilliseconds(100);
        proxy.Cut();
        await cluster.KillSiloAsync(victim);

        var dead = await Eventually.Get(
            async () => (await membership.ReadAll()).TryGet(victim.SiloAddress)?.Item1 is { Status: SiloStatus.Dead } entry ? entry : null,
            "the killed silo to be marked Dead");
        Assert.True((dead.SuspectTimes ?? []).Any(s => s.Item1.Equals(survivor.SiloAddress)), $"survivor {survivor.SiloAddress} victim {victim.SiloAddress} dead {dead} {string.Join(",", dead.SuspectTimes ?? [])}");
        Assert.Equal(SiloStatus.Active, (await membership.ReadAll()).TryGet(survivor.SiloAddress)?.Item1.Status);
    }
}
