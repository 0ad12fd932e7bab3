using System.Collections.Concurrent;
using MedImaging.Tests.TestHosting;

namespace MedImaging.Tests.ServiceHosting;

/// <summary>A built MedImaging.Api or MedImaging.Silo running as a real process on a free loopback port.</summary>
public sealed class ServiceProcess : IAsyncDisposable
{
    private readonly ChildProcess _child;
    private readonly ConcurrentQueue<string> _lines;

    private ServiceProcess(ChildProcess child, ConcurrentQueue<string> lines, Uri baseAddress)
    {
        _child = child;
        _lines = lines;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public int ProcessId => _child.Id;

    /// <summary>Every line the process wrote so far.</summary>
    public IReadOnlyList<string> Output => [.. _lines];

    /// <param name="projectGc">Run with the garbage collector the project configures (what production runs) instead of the
    /// workstation collector that keeps many test processes small.</param>
    public static async Task<ServiceProcess> StartAsync(string project, IReadOnlyDictionary<string, string> environment, bool projectGc = false)
    {
        var layout = RepositoryLayout.Discover();
        var ports = Ports.PickFree(3);
        var port = ports[0];
        var baseAddress = new Uri($"http://127.0.0.1:{port}");
        var variables = new Dictionary<string, string>(environment)
        {
            ["ASPNETCORE_URLS"] = baseAddress.ToString().TrimEnd('/'),
        };
        if (!projectGc) variables["DOTNET_gcServer"] = "0";
        // Each silo of a cluster needs ports of its own (Aspire allocates them per replica).
        if (variables.ContainsKey("Orleans__ClusterId"))
        {
            variables.TryAdd("Orleans__Endpoints__SiloPort", ports[1].ToString(System.Globalization.CultureInfo.InvariantCulture));
            variables.TryAdd("Orleans__Endpoints__GatewayPort", ports[2].ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        var dll = layout.ProjectAssembly(project);
        var lines = new ConcurrentQueue<string>();
        var child = ChildProcess.Start(
            new ChildProcessSpec(project, "dotnet", [dll], Path.GetDirectoryName(dll)!) { Environment = variables },
            NullOutputSink.Instance);
        child.OutputLine += lines.Enqueue;
        var service = new ServiceProcess(child, lines, baseAddress);
        try
        {
            await Readiness.WaitForHttpAsync(child, new Uri(baseAddress, "/alive"), TimeSpan.FromSeconds(60), requireSuccess: true, CancellationToken.None);
        }
        catch
        {
            await service.DisposeAsync();
            throw;
        }
        return service;
    }

    /// <summary>SIGTERM, then a kill after <paramref name="grace"/>.</summary>
    public Task StopAsync(TimeSpan grace) => _child.StopAsync(grace);

    public ValueTask DisposeAsync() => _child.DisposeAsync();
}
