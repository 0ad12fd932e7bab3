using MedImaging.Cli.Commands.BenchIngest;

namespace MedImaging.Cli.Commands;

/// <summary>
/// `medimaging bench ingest`: uploads N one-instance studies (each a copy of a corpus file with fresh study and
/// SOP instance UIDs) to a running system, C at a time, and prints p50/p99 latency from upload to completed,
/// as recorded by the study (completedAt) and as seen by polling, plus instances/s.
/// </summary>
public sealed class BenchIngestCommand : ICliCommand
{
    private const string DefaultSource = "testdata/corpus/study_knee_s1_01.dcm";

    public string Name => "bench ingest";
    public string Usage => "[--url URL] [--instances N] [--concurrency C] [--source FILE]";
    public string Description => "upload-to-completed latency (p50/p99) and instances/s of a running system";

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
                case "--source" when i + 1 < args.Count: settings = settings with { Source = args[++i] }; break;
                default:
                    error.WriteLine($"usage: medimaging {Name} {Usage}");
                    return CommandLine.UsageError;
            }
        }
        var source = File.Exists(settings.Source) ? settings.Source : FindUpwards(settings.Source);
        if (source is null)
        {
            error.WriteLine($"error: {settings.Source} not found; pass --source FILE");
            return FileBatch.FileError;
        }
        try
        {
            var report = new IngestBenchmark(settings with { Source = source }, output).RunAsync().GetAwaiter().GetResult();
            report.Print(output);
            return report.Failures == 0 ? 0 : 1;
        }
        catch (Exception e) when (e is HttpRequestException or TimeoutException)
        {
            error.WriteLine($"error: {e.Message} (is the system running at {settings.ApiUrl}?)");
            return 1;
        }
    }

    private static string? FindUpwards(string relative)
    {
        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, relative);
            if (File.Exists(candidate)) return candidate;
        }
        return null;
    }
}
