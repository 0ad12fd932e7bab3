using System.Net;
using System.Net.Sockets;
using MedImaging.AppHost.Hosting;

namespace MedImaging.Tests.AppHost;

/// <summary>The AppHost as a user runs it: a process that starts children and must clean up after itself.</summary>
public sealed class AppHostLifecycleTests
{
    private static readonly string[] FreePorts = ["--api-port", "0", "--silo-port", "0", "--dynamodb-port", "0", "--fauxqs-port", "0"];

    [Fact]
    public async Task Sigterm_stops_every_child_process()
    {
        using var host = AppHostProcess.Start(FreePorts);
        var children = await ChildrenWhenReadyAsync(host);
        Assert.Contains(host.Output.Split('\n'), line => line.StartsWith("api ", StringComparison.Ordinal) && line.Contains("http://127.0.0.1:"));

        Assert.True(PosixKill.Terminate(host.Id));
        var exitCode = await host.WaitForExitAsync(TimeSpan.FromSeconds(40));

        Assert.Equal(0, exitCode);
        var survivors = children.Where(ProcessTreeReader.IsAlive).ToList();
        Assert.True(survivors.Count == 0, $"processes left behind: {string.Join(", ", survivors)}");
    }

    [Fact]
    public async Task Children_stop_by_themselves_when_the_apphost_is_killed()
    {
        using var host = AppHostProcess.Start(FreePorts);
        var children = await ChildrenWhenReadyAsync(host);

        Assert.True(PosixKill.Kill(host.Id));
        await host.WaitForExitAsync(TimeSpan.FromSeconds(10));

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        var survivors = children;
        while (DateTime.UtcNow < deadline && (survivors = [.. children.Where(ProcessTreeReader.IsAlive)]).Count > 0)
            await Task.Delay(200);
        foreach (var pid in survivors) PosixKill.Kill(pid);
        Assert.True(survivors.Count == 0, $"processes still running 30 s after the AppHost was killed: {string.Join(", ", survivors)}");
    }

    private static async Task<IReadOnlyList<int>> ChildrenWhenReadyAsync(AppHostProcess host)
    {
        await host.WaitForOutputAsync("Ready in", TimeSpan.FromSeconds(120));
        var children = ProcessTreeReader.Descendants(host.Id);
        Assert.True(children.Count >= 4, $"expected emulators, silo and api below the AppHost, found {children.Count}:\n{host.Output}");
        return children;
    }

    [Fact]
    public async Task Port_already_taken_is_a_clear_error_and_a_non_zero_exit()
    {
        using var holder = new TcpListener(IPAddress.Loopback, 0);
        holder.Start();
        var port = ((IPEndPoint)holder.LocalEndpoint).Port;

        using var host = AppHostProcess.Start([.. FreePorts[2..], "--api-port", port.ToString()]);
        var exitCode = await host.WaitForExitAsync(TimeSpan.FromSeconds(60));

        Assert.NotEqual(0, exitCode);
        Assert.Contains($"api: port {port} is already in use", host.Output);
    }
}
