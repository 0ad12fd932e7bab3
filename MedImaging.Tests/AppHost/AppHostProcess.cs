using System.Collections.Concurrent;
using System.Diagnostics;
using MedImaging.AppHost.Hosting;

namespace MedImaging.Tests.AppHost;

/// <summary>The real AppHost executable run as a child of the test, with its output captured.</summary>
internal sealed class AppHostProcess : IDisposable
{
    private readonly Process process;
    private readonly ConcurrentQueue<string> lines = new();

    private AppHostProcess(Process process) => this.process = process;

    public int Id => process.Id;

    public string Output => string.Join(Environment.NewLine, lines);

    public static AppHostProcess Start(params string[] arguments)
    {
        var assembly = RepositoryLayout.Discover().ProjectAssembly("MedImaging.AppHost");
        var startInfo = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(assembly)!,
            // Tests stop the AppHost soon after it starts: start-up time matters more than throughput.
            Environment = { ["MedImaging__AppHost__EmulatorTuning"] = nameof(MedImaging.AppHost.Emulators.EmulatorTuning.FastStart) },
        };
        startInfo.ArgumentList.Add(assembly);
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }
        var process = new Process { StartInfo = startInfo };
        var host = new AppHostProcess(process);
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) host.lines.Enqueue(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) host.lines.Enqueue(e.Data); };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return host;
    }

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
