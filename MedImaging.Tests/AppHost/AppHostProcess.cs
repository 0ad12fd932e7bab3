using System.Collections.Concurrent;
using System.Diagnostics;
using MedImaging.Tests.TestHosting;

namespace MedImaging.Tests.AppHost;

/// <summary>
/// The real AppHost executable run as a child of the test, as run.sh runs it (dashboard included, loopback only), on
/// free ports, with its output captured. <see cref="ApiUrl"/> is known once it printed the Api's line.
/// </summary>
internal sealed class AppHostProcess : IDisposable
{
    private readonly Process process;
    private readonly ConcurrentQueue<string> lines = new();

    private AppHostProcess(Process process) => this.process = process;

    public int Id => process.Id;

    public string Output => string.Join(Environment.NewLine, lines);

    /// <summary>The Api's base URL, from the line the AppHost prints when the Api is ready.</summary>
    public string ApiUrl => lines.Select(l => l.Trim()).First(l => l.StartsWith("Api:", StringComparison.Ordinal))["Api:".Length..].Trim().Replace("/api/studies", "");

    public string DashboardUrl { get; private init; } = "";

    public static AppHostProcess Start(params string[] arguments)
    {
        var assembly = RepositoryLayout.Discover().ProjectAssembly("MedImaging.AppHost");
        var dashboard = $"http://127.0.0.1:{Ports.PickFree()}";
        var startInfo = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(assembly)!,
            Environment =
            {
                ["ASPNETCORE_URLS"] = dashboard,
                ["ASPIRE_ALLOW_UNSECURED_TRANSPORT"] = "true",
                ["ASPIRE_DASHBOARD_UNSECURED_ALLOW_ANONYMOUS"] = "true",
                ["ASPIRE_DASHBOARD_OTLP_HTTP_ENDPOINT_URL"] = $"http://127.0.0.1:{Ports.PickFree()}",
                ["ASPIRE_RESOURCE_SERVICE_ENDPOINT_URL"] = $"http://127.0.0.1:{Ports.PickFree()}",
                // Random ports for the Api and Silo, as Aspire's testing builder does.
                ["DcpPublisher__RandomizePorts"] = "true",
            },
        };
        startInfo.ArgumentList.Add(assembly);
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }
        var process = new Process { StartInfo = startInfo };
        var host = new AppHostProcess(process) { DashboardUrl = dashboard };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) host.lines.Enqueue(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) host.lines.Enqueue(e.Data); };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return host;
    }

    public Task WaitUntilReadyAsync() => WaitForOutputAsync("Every resource healthy", TimeSpan.FromSeconds(180));

    public async Task WaitForOutputAsync(string text, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (!lines.Any(l => l.Contains(text, StringComparison.Ordinal)))
        {
            if (process.HasExited)
            {
                throw new Xunit.Sdk.XunitException($"AppHost exited ({process.ExitCode}) before printing '{text}':\n{Output}");
            }
            if (clock.Elapsed > timeout)
            {
                throw new Xunit.Sdk.XunitException($"AppHost did not print '{text}' within {timeout}:\n{Output}");
            }
            await Task.Delay(100);
        }
    }

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            throw new Xunit.Sdk.XunitException($"AppHost did not exit within {timeout}:\n{Output}");
        }
        return process.ExitCode;
    }

    public void Dispose()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }
        process.Dispose();
    }
}
