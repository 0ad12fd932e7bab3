using MedImaging.Cli.Benchmarking;
using MedImaging.Tests.TestHosting;

namespace MedImaging.Tests.AppHost;

/// <summary>The AppHost as a user runs it: a process whose orchestrator starts everything and must leave nothing behind.</summary>
public sealed class AppHostLifecycleTests
{
    [Fact]
    public async Task Sigterm_stops_every_process_of_the_app_within_20_seconds()
    {
        using var host = AppHostProcess.Start();
        var processes = await ProcessesWhenReadyAsync(host);

        Assert.True(PosixKill.Terminate(host.Id));
        await host.WaitForExitAsync(TimeSpan.FromSeconds(20));

        await AssertAllGoneAsync(processes, TimeSpan.FromSeconds(20), "SIGTERM");
    }

    [Fact]
    public async Task Kill_9_of_the_apphost_leaves_no_process_behind_within_30_seconds()
    {
        using var host = AppHostProcess.Start();
        var processes = await ProcessesWhenReadyAsync(host);

        Assert.True(PosixKill.Kill(host.Id));
        await host.WaitForExitAsync(TimeSpan.FromSeconds(10));

        await AssertAllGoneAsync(processes, TimeSpan.FromSeconds(30), "kill -9");
    }

    /// <summary>Every process of the app: DCP (detached from the AppHost), the emulators, the Silo and the Api.</summary>
    private static async Task<IReadOnlyList<int>> ProcessesWhenReadyAsync(AppHostProcess host)
    {
        await host.WaitUntilReadyAsync();
        var snapshot = ProcessCpuSnapshot.Take(host.Id)!;
        var roles = snapshot.Processes.Values.Select(p => p.Role).ToHashSet();
        foreach (var role in new[] { ProcessRoles.Orchestrator, ProcessRoles.DynamoDb, ProcessRoles.Fauxqs, ProcessRoles.Silo, ProcessRoles.Api })
        {
            Assert.True(roles.Contains(role), $"no {role} process among the app's: {string.Join(", ", roles)}\n{host.Output}");
        }
        return [.. snapshot.Processes.Where(p => p.Value.Role != ProcessRoles.Bench && p.Key != host.Id).Select(p => p.Key)];
    }

    private static async Task AssertAllGoneAsync(IReadOnlyList<int> processes, TimeSpan within, string how)
    {
        var deadline = DateTime.UtcNow + within;
        var survivors = processes;
        while (DateTime.UtcNow < deadline && (survivors = [.. processes.Where(ProcessTreeReader.IsAlive)]).Count > 0)
        {
            await Task.Delay(250);
        }
        foreach (var pid in survivors)
        {
            PosixKill.Kill(pid);
        }
        Assert.True(survivors.Count == 0, $"processes still running {within.TotalSeconds:0} s after {how}: {string.Join(", ", survivors)}");
    }
}
