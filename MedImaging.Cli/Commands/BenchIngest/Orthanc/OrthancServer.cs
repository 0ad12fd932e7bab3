using System.Diagnostics;
using System.Text.Json;

namespace MedImaging.Cli.Commands.BenchIngest.Orthanc;

/// <summary>
/// A throw-away Orthanc: its own configuration, storage and index in a directory the caller owns, HTTP on
/// loopback only as far as the caller's network namespace allows (Orthanc binds every interface), DICOM
/// server off, no authentication, no plugins. Dispose stops it.
/// </summary>
internal sealed class OrthancServer : IDisposable
{
    public const string DebianBinary = "/usr/sbin/Orthanc";

    private readonly Process _process;

    private OrthancServer(Process process, Uri url, string version)
    {
        _process = process;
        Url = url;
        Version = version;
    }

    public Uri Url { get; }

    public int Pid => _process.Id;

    public string Version { get; }

    /// <summary>CPU seconds (user + system) Orthanc has used so far.</summary>
    public double CpuSeconds
    {
        get
        {
            _process.Refresh();
            return _process.TotalProcessorTime.TotalSeconds;
        }
    }

    public static async Task<OrthancServer> StartAsync(string binary, string directory, int httpPort, TimeSpan timeout)
    {
        var storage = Directory.CreateDirectory(Path.Combine(directory, "storage")).FullName;
        var configuration = Path.Combine(directory, "orthanc.json");
        File.WriteAllText(configuration, JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["Name"] = "medimaging-bench-peer",
            ["StorageDirectory"] = storage,
            ["IndexDirectory"] = storage,
            ["HttpServerEnabled"] = true,
            ["HttpPort"] = httpPort,
            ["RemoteAccessAllowed"] = false,
            ["AuthenticationEnabled"] = false,
            ["DicomServerEnabled"] = false,
            ["Plugins"] = Array.Empty<string>(),
        }));
        var start = new ProcessStartInfo(binary, ["--logdir=" + directory, configuration])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = directory,
        };
        var process = Process.Start(start) ?? throw new InvalidOperationException($"cannot start {binary}");
        // Orthanc logs to its log directory; drain the pipes so it never blocks on a full one.
        _ = process.StandardOutput.ReadToEndAsync();
        _ = process.StandardError.ReadToEndAsync();
        var url = new Uri($"http://127.0.0.1:{httpPort}");
        try
        {
            var version = await WaitUntilAnsweringAsync(process, url, timeout);
            return new OrthancServer(process, url, version);
        }
        catch
        {
            Stop(process);
            throw;
        }
    }

    private static async Task<string> WaitUntilAnsweringAsync(Process process, Uri url, TimeSpan timeout)
    {
        using var http = new HttpClient { BaseAddress = url, Timeout = TimeSpan.FromSeconds(2) };
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            if (process.HasExited) throw new InvalidOperationException($"Orthanc exited with code {process.ExitCode} while starting");
            try
            {
                using var system = JsonDocument.Parse(await http.GetStringAsync("/system"));
                return system.RootElement.GetProperty("Version").GetString() ?? "?";
            }
            catch (HttpRequestException)
            {
                await Task.Delay(50);
            }
            catch (TaskCanceledException)
            {
            }
        }
        throw new TimeoutException($"Orthanc did not answer on {url} within {timeout.TotalSeconds:0} s");
    }

    public void Dispose() => Stop(_process);

    private static void Stop(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(TimeSpan.FromSeconds(10));
            }
        }
        catch (InvalidOperationException)
        {
            // It exited between the check and the kill.
        }
        process.Dispose();
    }
}
