using MedImaging.Cli.Benchmarking;

namespace MedImaging.Tests.Cli.Benchmarking;

public sealed class AspireOrchestratorsTests
{
    private static readonly Dictionary<int, string[]> Processes = new()
    {
        [100] = ["dotnet", "MedImaging.AppHost.dll"],
        [200] = ["/x/dcp", "start-apiserver", "--monitor", "100", "--detach", "--kubeconfig", "/tmp/aspire-dcpA/kubeconfig"],
        [201] = ["/x/dcp", "run-controllers", "--kubeconfig", "/tmp/aspire-dcpA/kubeconfig", "--monitor-interval", "5"],
        // Another AppHost's orchestrator, on the same machine.
        [300] = ["/x/dcp", "start-apiserver", "--monitor", "999", "--kubeconfig", "/tmp/aspire-dcpB/kubeconfig"],
        [301] = ["/x/dcp", "run-controllers", "--kubeconfig", "/tmp/aspire-dcpB/kubeconfig"],
        [400] = ["java", "LoopbackDynamoDbLocal"],
    };

    [Fact]
    public void The_dcp_processes_of_an_apphost_are_those_sharing_the_kubeconfig_of_the_one_watching_it() =>
        Assert.Equal([200, 201], AspireOrchestrators.Of(100, Processes.Keys, pid => Processes[pid]).Order());

    [Fact]
    public void A_process_no_dcp_watches_has_no_orchestrator() =>
        Assert.Empty(AspireOrchestrators.Of(400, Processes.Keys, pid => Processes[pid]));

    [Theory]
    [InlineData("/x/dcp run-controllers", ProcessRoles.Orchestrator)]
    [InlineData("java -cp build:DynamoDBLocal.jar:DynamoDBLocal_lib/* LoopbackDynamoDbLocal -port 1", ProcessRoles.DynamoDb)]
    [InlineData("/repo/MedImaging.Silo/bin/Release/net10.0/MedImaging.Silo", ProcessRoles.Silo)]
    [InlineData("dotnet run --project /repo/MedImaging.Api/MedImaging.Api.csproj --no-build", ProcessRoles.Other)]
    public void Roles_follow_the_files_a_command_line_runs(string commandLine, string role) =>
        Assert.Equal(role, ProcessRoles.Of(commandLine.Split(' '), isRoot: false));
}
