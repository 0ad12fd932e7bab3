using MedImaging.Orleans.DynamoDB.Reminders;
using MedImaging.Orleans.DynamoDB.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Orleans;
using Orleans.Configuration;
using Orleans.Runtime;

namespace MedImaging.Orleans.DynamoDB.Tests.Reminders;

[Collection(DynamoDbLocalCollection.Name)]
public sealed class ReminderRestartTests(DynamoDbLocalFixture dynamo)
{
    [Fact]
    public async Task A_reminder_registered_before_the_cluster_restarts_fires_on_the_restarted_cluster()
    {
        var (serviceId, clusterId, key) = (Unique.Id("service"), Unique.Id("cluster"), Unique.Id("probe"));
        GrainId grainId;
        await using (var before = DynamoDBTestCluster.Build(dynamo, silos: 1, serviceId, clusterId, epoch: "before"))
        {
            await before.DeployAsync();
            var probe = before.Client.GetGrain<IReminderProbeGrain>(key);
            grainId = probe.GetGrainId();
            await probe.Arm(dueTime: TimeSpan.FromSeconds(1), period: TimeSpan.FromSeconds(2));
            await before.StopAllSilosAsync();
        }

        Assert.Single((await ReminderTable(serviceId).ReadRows(grainId)).Reminders);

        await using var after = DynamoDBTestCluster.Build(dynamo, silos: 1, serviceId, clusterId, epoch: "after");
        await after.DeployAsync();

        await Eventually.Get(
            () => Task.FromResult(ReminderTicks.Of(key).Contains("after") ? "fired" : null),
            "the reminder to fire on the restarted cluster");
        await after.Client.GetGrain<IReminderProbeGrain>(key).Disarm();
        Assert.Empty((await ReminderTable(serviceId).ReadRows(grainId)).Reminders);
    }

    private DynamoDBReminderTable ReminderTable(string serviceId) => new(
        new FixedOptionsMonitor<DynamoDBOrleansOptions>(dynamo.Options()),
        Options.Create(new ClusterOptions { ServiceId = serviceId }),
        NullLogger<DynamoDBReminderTable>.Instance);
}
