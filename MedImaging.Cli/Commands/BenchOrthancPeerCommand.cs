using MedImaging.Cli.Benchmarking;
using MedImaging.Cli.Commands.BenchIngest.Orthanc;

namespace MedImaging.Cli.Commands;

/// <summary>
/// `medimaging bench orthanc-peer`: the peer half of `bench ingest`, which runs it under `unshare -n` so that
/// Orthanc (which binds every interface) and this client share a network namespace with only loopback. Starts a
/// throw-away Orthanc, stores every file of DIR with POST /instances, C at a time, and prints one result line.
/// Refuses to run where any interface but loopback exists.
/// </summary>
public sealed class BenchOrthancPeerCommand : ICliCommand
{
    public const string ResultPrefix = "orthanc-peer-result ";
    public const int NotIsolated = 3;

    public string Name => "bench orthanc-peer";
    public string Usage => "--files DIR [--concurrency C] [--warmup FILE] [--work DIR] [--orthanc PATH] [--cpu-budget CORES]";
    public string Description => "(run by bench ingest inside unshare -n) Orthanc REST store rate of DIR's files";

    public int Run(IReadOnlyList<string> args, TextWriter output, TextWriter error)
    {
        string? files = null, warmup = null, work = null;
        var orthanc = OrthancServer.DebianBinary;
        var concurrency = 1;
        double? cpuBudget = null;
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--files" when i + 1 < args.Count: files = args[++i]; break;
                case "--warmup" when i + 1 < args.Count: warmup = args[++i]; break;
                case "--work" when i + 1 < args.Count: work = args[++i]; break;
                case "--orthanc" when i + 1 < args.Count: orthanc = args[++i]; break;
                case "--cpu-budget" when i + 1 < args.Count && double.TryParse(args[i + 1], System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var cores) && cores is >= 0.01 && cores <= Environment.ProcessorCount: cpuBudget = cores; i++; break;
                case "--concurrency" when i + 1 < args.Count && int.TryParse(args[i + 1], out var c) && c > 0: concurrency = c; i++; break;
                default:
                    error.WriteLine($"usage: medimaging {Name} {Usage}");
                    return CommandLine.UsageError;
            }
        }
        if (files is null)
        {
            error.WriteLine($"usage: medimaging {Name} {Usage}");
            return CommandLine.UsageError;
        }
        if (!Directory.Exists(files) || (warmup is not null && !File.Exists(warmup)))
        {
            error.WriteLine($"error: {(Directory.Exists(files) ? warmup : files)}: not found");
            return FileBatch.FileError;
        }
        if (!LoopbackInterface.IsOnlyInterface())
        {
            error.WriteLine($"error: refusing to start Orthanc: this network namespace has interfaces besides loopback ({string.Join(", ", LoopbackInterface.Names())}); run under unshare -n");
            return NotIsolated;
        }
        LoopbackInterface.BringUp();

        var payloads = Directory.GetFiles(files).Order(StringComparer.Ordinal).Select(File.ReadAllBytes).ToArray();
        using var workspace = BenchWorkspace.Create("medimaging-orthanc-peer", work);
        using var server = OrthancServer.StartAsync(orthanc, workspace.Path, 8042, TimeSpan.FromSeconds(60)).GetAwaiter().GetResult();
        CpuBudget? budget;
        try
        {
            budget = cpuBudget is { } limit ? CpuBudget.Holding(limit, [server.Pid]) : null;
        }
        catch (CpuBudgetUnavailableException e)
        {
            error.WriteLine($"error: {e.Message}");
            return 1;
        }
        using var limited = budget;
        using var client = new OrthancStoreClient(server.Url, concurrency);
        var result = client.StoreAsync(payloads, warmup is null ? null : File.ReadAllBytes(warmup), server.Version, () => server.CpuSeconds).GetAwaiter().GetResult();
        output.WriteLine(ResultPrefix + OrthancPeerJson.Serialize(result));
        return 0;
    }
}
