using System.Diagnostics;
using MedImaging.Aws.Provisioning;
using MedImaging.Orleans.DynamoDB.Tests.Infrastructure;
using Orleans;

namespace MedImaging.Orleans.DynamoDB.Tests.Stack;

/// <summary>
/// The Orleans tables of MedImaging's CDK stack, provisioned from its synthesized template into DynamoDB Local as the
/// AppHost does, carry a real cluster through our providers with table creation off: membership, grain state and a
/// reminder (its ring-range reads use the stack's secondary indexes).
/// </summary>
[Collection(DynamoDbLocalCollection.Name)]
public sealed class StackTablesTests(DynamoDbLocalFixture dynamo)
{
    [Fact]
    public async Task A_cluster_runs_on_the_tables_the_stack_defines()
    {
        var prefix = Unique.Id("stack").ToLowerInvariant();
        var template = CloudFormationTemplate.Parse(await SynthesizeAsync(prefix));
        var provisioned = await new TemplateProvisioner([new DynamoDbTableProvisioner(dynamo.Client)], new ProvisioningEnvironment("us-east-1"))
            .ProvisionAsync(template);
        var tables = new DynamoDBTestCluster.ExistingTables(
            provisioned.Outputs["OrleansMembershipTable"], provisioned.Outputs["OrleansGrainStateTable"], provisioned.Outputs["OrleansReminderTable"]);
        Assert.StartsWith(prefix, tables.Membership);

        await using var cluster = DynamoDBTestCluster.Build(dynamo, silos: 1, Unique.Id("service"), Unique.Id("cluster"), epoch: "stack", tables: tables);
        await cluster.DeployAsync();
        var counter = cluster.Client.GetGrain<ICounterGrain>(Unique.Id("counter"));
        Assert.Equal(1, await counter.Increment());
        Assert.Equal(2, await counter.Increment());
        var key = Unique.Id("probe");
        await cluster.Client.GetGrain<IReminderProbeGrain>(key).Arm(dueTime: TimeSpan.FromSeconds(1), period: TimeSpan.FromSeconds(2));
        await Eventually.Get(() => Task.FromResult(ReminderTicks.Of(key).Contains("stack") ? "fired" : null), "the reminder to fire");
        await cluster.Client.GetGrain<IReminderProbeGrain>(key).Disarm();

        var state = await dynamo.Client.ScanAsync(new Amazon.DynamoDBv2.Model.ScanRequest(tables.GrainState));
        Assert.NotEmpty(state.Items);
    }

    // The CDK app prints the template in its own process (jsii is not safe to share with the test host).
    private static async Task<string> SynthesizeAsync(string prefix)
    {
        var assembly = typeof(MedImaging.Infrastructure.MedImagingStack).Assembly.Location;
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { assembly, "--print-template", "--prefix", prefix })
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        Assert.True(process.ExitCode == 0, await errors);
        return await output;
    }
}
