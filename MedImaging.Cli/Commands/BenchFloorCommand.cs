using MedImaging.Cli.Benchmarking;
using MedImaging.Cli.Commands.BenchFloor;
using MedImaging.Cli.Commands.BenchIngest;
using MedImaging.Cli.Commands.BenchIngest.Orthanc;
using MedImaging.Dicom;
using MedImaging.Dicom.Imaging.Output;
using MedImaging.Dicom.Imaging.Pixels;
using MedImaging.Dicom.Imaging.Rendering;

namespace MedImaging.Cli.Commands;

/// <summary>
/// `medimaging bench floor`: how many one-instance studies per second the local emulators can take when asked only for
/// the side effects the pipeline must have, with the fewest requests and no processing at all (<see cref="FloorBenchmark"/>),
/// beside Orthanc's REST store rate of as many copies of the same file in the same run. A pipeline on these emulators
/// cannot be faster than this floor.
/// </summary>
public sealed class BenchFloorCommand : ICliCommand
{
    private const string DefaultSource = "testdata/corpus/study_knee_s1_01.dcm";

    public string Name => "bench floor";
    public string Usage => "--dynamodb URL --fauxqs URL [--instances N] [--concurrency C] [--warmup W] [--system-pid PID] [--source FILE] [--no-peer]";
    public string Description => "instances/s the local emulators take for the pipeline's required side effects alone, vs Orthanc's store rate (exit 3: peer skipped)";

    public int Run(IReadOnlyList<string> args, TextWriter output, TextWriter error)
    {
        Uri? dynamoDb = null, fauxqs = null;
        var settings = new FloorBenchSettings(new Uri("http://127.0.0.1"), new Uri("http://127.0.0.1"), 1000, 8, 2000, DefaultSource);
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--dynamodb" when i + 1 < args.Count && Uri.TryCreate(args[i + 1], UriKind.Absolute, out var d): dynamoDb = d; i++; break;
                case "--fauxqs" when i + 1 < args.Count && Uri.TryCreate(args[i + 1], UriKind.Absolute, out var f): fauxqs = f; i++; break;
                case "--instances" when i + 1 < args.Count && int.TryParse(args[i + 1], out var n) && n > 0: settings = settings with { Instances = n }; i++; break;
                case "--concurrency" when i + 1 < args.Count && int.TryParse(args[i + 1], out var c) && c > 0: settings = settings with { Concurrency = c }; i++; break;
                case "--warmup" when i + 1 < args.Count && int.TryParse(args[i + 1], out var w) && w >= 0: settings = settings with { WarmupInstances = w }; i++; break;
                case "--system-pid" when i + 1 < args.Count && int.TryParse(args[i + 1], out var pid) && pid > 0: settings = settings with { SystemPid = pid }; i++; break;
                case "--source" when i + 1 < args.Count: settings = settings with { Source = args[++i] }; break;
                case "--no-peer": settings = settings with { Peer = false }; break;
                default:
                    error.WriteLine($"usage: medimaging {Name} {Usage}");
                    return CommandLine.UsageError;
            }
        }
        if (dynamoDb is null || fauxqs is null)
        {
            error.WriteLine($"usage: medimaging {Name} {Usage}");
            return CommandLine.UsageError;
        }
        if (BenchSource.Find(settings.Source) is not { } source)
        {
            error.WriteLine($"error: {settings.Source} not found; pass --source FILE");
            return FileBatch.FileError;
        }
        settings = settings with { DynamoDbUrl = dynamoDb, FauxqsUrl = fauxqs, Source = source };
        try
        {
            var report = RunAsync(settings).GetAwaiter().GetResult();
            report.Print(output);
            if (report.Peer.SkippedBecause is { } why) error.WriteLine($"peer skipped: {why}");
            return report.Failures > 0 ? 1 : report.Peer.Result is null ? BenchIngestCommand.PeerSkipped : 0;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            error.WriteLine($"error: {e.Message} (are the emulators running at {dynamoDb} and {fauxqs}?)");
            return 1;
        }
    }

    private static async Task<FloorBenchReport> RunAsync(FloorBenchSettings settings)
    {
        var upload = await File.ReadAllBytesAsync(settings.Source);
        var workload = FloorWorkload.For(upload, Render(upload));
        var handler = new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) };
        using var emulators = new EmulatorRequests(new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(30) }, settings.DynamoDbUrl, settings.FauxqsUrl);
        Func<ProcessCpuSnapshot?> cpu = () => settings.SystemPid is { } pid ? ProcessCpuSnapshot.Take(pid) : null;
        var floor = await new FloorBenchmark(emulators, settings, workload, cpu).RunAsync();
        if (!settings.Peer) return new FloorBenchReport(settings, workload, floor, OrthancPeerOutcome.Skip("--no-peer"));

        using var workspace = BenchWorkspace.Create("medimaging-bench-floor");
        var factory = new UniqueStudyFactory(settings.Source);
        workspace.WriteAll("studies", factory.Take(settings.Instances).Select(s => s.Bytes));
        var warmupFile = workspace.WriteAll("warmup", [factory.Next().Bytes])[0];
        var peer = OrthancPeer.Run(Path.Combine(workspace.Path, "studies"), warmupFile, settings.Concurrency, workspace.Subdirectory("orthanc"));
        return new FloorBenchReport(settings, workload, floor, peer);
    }

    /// <summary>The JPEG the pipeline's renderer makes of the file (1024 px at most, quality 90), for its real size.</summary>
    private static byte[] Render(byte[] dicom)
    {
        var image = ImageRenderer.Render(DicomPixelData.Create(DicomFile.Read(dicom)), new RenderOptions(MaxSize: 1024));
        return RenderedImageEncoder.Encode(image, ImageFileFormat.Jpeg, 90);
    }
}
