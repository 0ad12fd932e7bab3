using System.Globalization;
using MedImaging.Cli.Benchmarking;
using MedImaging.Cli.Commands.BenchIngest;
using MedImaging.Cli.Commands.BenchIngest.Orthanc;

namespace MedImaging.Cli.Commands;

/// <summary>
/// `medimaging bench ingest`: uploads N one-instance studies (each a copy of a corpus file with fresh study and
/// SOP instance UIDs) to a running system and prints instances/s, p50/p99 latency from upload to completed (as recorded
/// by the study's completedAt and as seen by the bench) and, with --system-pid, the CPU per instance of each process of
/// the system. Pipelined (default): C workers upload back to back with a bounded number in flight, one poller reads the
/// study list; closed: each worker polls its study until completed before the next. Then finalize-to-completed latency
/// one study at a time; then Orthanc's REST store rate of the same N files at the same concurrency, in a network
/// namespace with only loopback.
/// </summary>
public sealed class BenchIngestCommand : ICliCommand
{
    /// <summary>Our figures were measured without failures but the Orthanc peer could not run (the reason is printed).</summary>
    public const int PeerSkipped = 3;

    private const string DefaultSource = "testdata/corpus/study_knee_s1_01.dcm";

    public string Name => "bench ingest";
    public string Usage => "[--url URL] [--instances N] [--concurrency C] [--warmup W] [--finalize-studies M] [--mode pipelined|closed] [--max-in-flight F] [--list-poll-ms L] [--list-page-size S] [--poll-ms P] [--system-pid PID] [--cpu-budget CORES] [--source FILE] [--no-peer]";
    public string Description => "instances/s, upload/finalize-to-completed p50/p99 of a running system vs Orthanc's store rate (exit 3: peer skipped)";

    public int Run(IReadOnlyList<string> args, TextWriter output, TextWriter error)
    {
        var settings = new IngestBenchSettings(new Uri("http://127.0.0.1:5080"), 100, 1, DefaultSource);
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--url" when i + 1 < args.Count && Uri.TryCreate(args[i + 1], UriKind.Absolute, out var url): settings = settings with { ApiUrl = url }; i++; break;
                case "--instances" when i + 1 < args.Count && int.TryParse(args[i + 1], out var n) && n > 0: settings = settings with { Instances = n }; i++; break;
                case "--concurrency" when i + 1 < args.Count && int.TryParse(args[i + 1], out var c) && c > 0: settings = settings with { Concurrency = c }; i++; break;
                case "--warmup" when i + 1 < args.Count && int.TryParse(args[i + 1], out var w) && w >= 1: settings = settings with { WarmupStudies = w }; i++; break;
                case "--finalize-studies" when i + 1 < args.Count && int.TryParse(args[i + 1], out var m) && m >= 0: settings = settings with { FinalizeStudies = m }; i++; break;
                case "--source" when i + 1 < args.Count: settings = settings with { Source = args[++i] }; break;
                case "--mode" when i + 1 < args.Count && Enum.TryParse<IngestBenchMode>(args[i + 1], ignoreCase: true, out var mode) && Enum.IsDefined(mode): settings = settings with { Mode = mode }; i++; break;
                case "--max-in-flight" when i + 1 < args.Count && int.TryParse(args[i + 1], out var window) && window > 0: settings = settings with { MaxInFlight = window }; i++; break;
                case "--list-poll-ms" when i + 1 < args.Count && int.TryParse(args[i + 1], out var listPoll) && listPoll > 0: settings = settings with { ListPollInterval = TimeSpan.FromMilliseconds(listPoll) }; i++; break;
                case "--list-page-size" when i + 1 < args.Count && int.TryParse(args[i + 1], out var pageSize) && pageSize is >= 1 and <= 200: settings = settings with { ListPageSize = pageSize }; i++; break;
                case "--poll-ms" when i + 1 < args.Count && int.TryParse(args[i + 1], out var poll) && poll > 0: settings = settings with { PollInterval = TimeSpan.FromMilliseconds(poll) }; i++; break;
                case "--system-pid" when i + 1 < args.Count && int.TryParse(args[i + 1], out var pid) && pid > 0: settings = settings with { SystemPid = pid }; i++; break;
                case "--cpu-budget" when i + 1 < args.Count && double.TryParse(args[i + 1], NumberStyles.Float, CultureInfo.InvariantCulture, out var cores) && cores is >= 0.01 && cores <= Environment.ProcessorCount: settings = settings with { CpuBudgetCores = cores }; i++; break;
                case "--no-peer": settings = settings with { Peer = false }; break;
                default:
                    error.WriteLine($"usage: medimaging {Name} {Usage}");
                    return CommandLine.UsageError;
            }
        }
        var source = BenchSource.Find(settings.Source);
        if (source is null)
        {
            error.WriteLine($"error: {settings.Source} not found; pass --source FILE");
            return FileBatch.FileError;
        }
        settings = settings with { Source = source };
        if (settings.CpuBudgetCores is not null && settings.SystemPid is null)
        {
            error.WriteLine("error: --cpu-budget needs --system-pid (the budget holds that tree's Silo and Api)");
            return CommandLine.UsageError;
        }
        try
        {
            var report = RunAsync(settings, output).GetAwaiter().GetResult();
            report.Print(output);
            if (report.Peer.SkippedBecause is { } why) error.WriteLine($"peer skipped: {why}");
            return report.Failures > 0 ? 1 : report.Peer.Result is null ? PeerSkipped : 0;
        }
        catch (CpuBudgetUnavailableException e)
        {
            error.WriteLine($"error: {e.Message}");
            return 1;
        }
        catch (Exception e) when (e is HttpRequestException or TimeoutException or TaskCanceledException)
        {
            error.WriteLine($"error: {e.Message} (is the system running at {settings.ApiUrl}?)");
            return 1;
        }
    }

    private static async Task<IngestBenchReport> RunAsync(IngestBenchSettings settings, TextWriter progress)
    {
        var factory = new UniqueStudyFactory(settings.Source);
        var warmup = new WarmupStudies(Math.Max(1, settings.WarmupStudies), factory.Next);
        var studies = factory.Take(settings.Instances);
        using var workspace = BenchWorkspace.Create("medimaging-bench-ingest");
        workspace.WriteAll("studies", studies.Select(s => s.Bytes));
        var warmupFile = workspace.WriteAll("warmup", [factory.Next().Bytes])[0];

        using var api = new IngestApiClient(settings.ApiUrl, settings);
        Func<ProcessCpuSnapshot?> cpu = () => settings.SystemPid is { } pid ? ProcessCpuSnapshot.Take(pid) : null;
        IIngestBenchmark benchmark = settings.Mode == IngestBenchMode.Closed
            ? new ClosedLoopIngestBenchmark(api, settings, cpu, progress)
            : new PipelinedIngestBenchmark(api, settings, cpu, progress);
        ThroughputResult throughput;
        using (var budget = SystemCpuBudget.Start(settings))
            throughput = await benchmark.RunAsync(warmup, studies);
        var finalize = settings.FinalizeStudies > 0
            ? await new FinalizeLatencyBenchmark(api, progress).RunAsync(factory.Take(settings.FinalizeStudies), factory.Take(settings.FinalizeStudies))
            : null;
        var peer = settings.Peer
            ? OrthancPeer.Run(Path.Combine(workspace.Path, "studies"), warmupFile, settings.Concurrency, workspace.Subdirectory("orthanc"), settings.CpuBudgetCores)
            : OrthancPeerOutcome.Skip("--no-peer");
        return new IngestBenchReport(settings, studies[0].Bytes.Length, throughput, finalize, peer);
    }
}
