using System.Diagnostics;
using System.Globalization;
using System.Text;
using MedImaging.Cli.Benchmarking;
using MedImaging.Cli.Commands.BenchDeid;
using MedImaging.Dicom;
using MedImaging.Dicom.Deidentification;
using MedImaging.Dicom.Deidentification.Policy;

namespace MedImaging.Cli.Commands;

/// <summary>
/// `medimaging bench deid`: de-identifies N copies (default 200) of a 512x512 16-bit CT carrying 40+ fake
/// identifying attributes (in-process on one thread and on all cores, and as a `medimaging deid` process: the native
/// executable of scripts/publish-cli.sh when built, and this framework-dependent one), then runs
/// gdcmanon --dumb once over the same directory and a pydicom script with the same removals, and prints the files/s
/// and CPU time per file of each from the same run, with the machine's load.
/// </summary>
public sealed class BenchDeidCommand : ICliCommand
{
    private const string DefaultSource = "testdata/corpus/ct_ele_14s.dcm";

    public string Name => "bench deid";
    public string Usage => "[--count N] [--runs R] [--source FILE] [--work DIR]";
    public string Description => "files/s of our de-identification vs gdcmanon --dumb and pydicom";

    public int Run(IReadOnlyList<string> args, TextWriter output, TextWriter error)
    {
        var count = 200;
        var runs = 3;
        string? source = null, work = null;
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--count" when i + 1 < args.Count && int.TryParse(args[i + 1], out var n) && n > 0: count = n; i++; break;
                case "--runs" when i + 1 < args.Count && int.TryParse(args[i + 1], out var r) && r > 0: runs = r; i++; break;
                case "--source" when i + 1 < args.Count: source = args[++i]; break;
                case "--work" when i + 1 < args.Count: work = args[++i]; break;
                default:
                    error.WriteLine($"usage: medimaging {Name} {Usage}");
                    return CommandLine.UsageError;
            }
        }
        source = BenchSource.Find(source ?? DefaultSource);
        if (source is null)
        {
            error.WriteLine($"error: source image not found (looked for {DefaultSource} above the current directory); pass --source FILE");
            return FileBatch.FileError;
        }
        using var workspace = BenchWorkspace.Create("medimaging-bench-deid", work);
        return Bench(source, workspace.Path, count, runs, output, error);
    }

    private static int Bench(string source, string work, int count, int runs, TextWriter output, TextWriter error)
    {
        var input = Path.Combine(work, "in");
        var inputs = BenchCorpusBuilder.Build(source, input, count);
        var deidentifier = new Deidentifier(DeidentificationPolicy.Basic, Encoding.UTF8.GetBytes("bench-secret"));
        var loadBefore = LoadAverage();

        // One untimed pass over the inputs lets the JIT reach optimized code; the separate `medimaging deid`
        // process below shows the cold figure (start-up and JIT included).
        var warmup = Directory.CreateDirectory(Path.Combine(work, "warmup")).FullName;
        foreach (var path in inputs)
            DeidentifyOne(deidentifier, path, warmup);

        // R rounds, each running every tool once into a fresh directory, interleaved so that all tools see the
        // same machine load; each tool's best round counts (the machine may be shared).
        var actions = PeerActions.ForBenchmark();
        string Fresh(string name, int run) => Directory.CreateDirectory(Path.Combine(work, $"{name}-{run}")).FullName;
        Measurement ours = Measurement.None, parallel = Measurement.None, gdcm = Measurement.None, pydicom = Measurement.None;
        // The native executable users run (scripts/publish-cli.sh) and, when this is the framework-dependent one, itself.
        var clis = new[] { OurCli.Native(), OurCli.FrameworkDependent() }.OfType<OurCli>().Distinct().ToList();
        var cliMeasurements = clis.Select(_ => Measurement.None).ToArray();
        for (var run = 0; run < runs; run++)
        {
            var target = Fresh("ours", run);
            ours = ours.Best(MeasureInProcess(() =>
            {
                foreach (var path in inputs)
                    DeidentifyOne(deidentifier, path, target);
            }));

            var parallelTarget = Fresh("ours-parallel", run);
            parallel = parallel.Best(MeasureInProcess(() => Parallel.ForEach(inputs, path => DeidentifyOne(deidentifier, path, parallelTarget))));

            for (var i = 0; i < clis.Count; i++)
            {
                var cliTarget = Fresh($"ours-cli{i}", run);
                var cli = clis[i];
                cliMeasurements[i] = cliMeasurements[i].Best(MeasureChild(() => PeerRunner.RunOurCli(cli, inputs, cliTarget)));
            }
            gdcm = gdcm.Best(MeasureChild(() => PeerRunner.RunGdcmanon(input, Fresh("gdcmanon", run), actions)));
            pydicom = pydicom.Best(MeasureChild(() => PeerRunner.RunPydicom(input, Fresh("pydicom", run), actions, work)));
        }

        var checks = new List<(string, string)> { ("medimaging", "ours-0"), ("medimaging", "ours-parallel-0"), ("gdcmanon", "gdcmanon-0"), ("pydicom", "pydicom-0") };
        for (var i = 0; i < clis.Count; i++)
            checks.Add(($"medimaging deid ({clis[i].Kind})", $"ours-cli{i}-0"));
        foreach (var (tool, name) in checks)
        {
            var written = Directory.GetFiles(Path.Combine(work, name)).Length;
            if (written != count)
            {
                error.WriteLine($"error: {tool} wrote {written} of {count} files");
                return FileBatch.FileError;
            }
        }

        string Line(string tool, Measurement m, string note) => string.Create(CultureInfo.InvariantCulture,
            $"{tool,-15} {count} files in {m.Wall.TotalSeconds,6:F2} s = {BenchClock.Rate(count, m.Wall),7} files/s, CPU {m.Cpu.TotalMilliseconds / count,5:F2} ms/file  {note}");
        var size = new FileInfo(inputs[0]).Length / 1024;
        output.WriteLine($"bench deid (best of {runs} interleaved rounds): {count} copies of {Path.GetFileName(source)} (512x512 16-bit CT, {size} KiB, {BenchPhi.AttributeCount} identifying attributes incl. private and nested)");
        output.WriteLine($"machine: {Environment.ProcessorCount} cores, load average before {loadBefore}, after {LoadAverage()}");
        output.WriteLine(Line("medimaging", ours, "(Basic profile, in-process, one thread, after one warm-up pass)"));
        output.WriteLine(Line("medimaging", parallel, $"(same, {Environment.ProcessorCount} threads)"));
        for (var i = 0; i < clis.Count; i++)
            output.WriteLine(Line("medimaging deid", cliMeasurements[i], $"(the CLI as a separate process, {clis[i].Kind}: start-up included, {Environment.ProcessorCount} threads)"));
        if (clis.Count == 0 || clis[0].Kind.StartsWith("framework", StringComparison.Ordinal))
            output.WriteLine($"note: no native CLI found: scripts/publish-cli.sh builds {OurCli.PublishedPath} (or set {OurCli.Variable})");
        output.WriteLine(Line("gdcmanon", gdcm, $"({PeerRunner.GdcmVersion().Split('\n')[0]}, --dumb, same removals, one run over the directory)"));
        output.WriteLine(Line("pydicom", pydicom, $"(pydicom {PeerRunner.PydicomVersion()}, same removals, one python process)"));
        output.WriteLine(Ratio("one thread", ours.Wall, gdcm.Wall, pydicom.Wall));
        output.WriteLine(Ratio($"{Environment.ProcessorCount} threads", parallel.Wall, gdcm.Wall, pydicom.Wall));
        for (var i = 0; i < clis.Count; i++)
            output.WriteLine(Ratio($"CLI process, {clis[i].Kind}", cliMeasurements[i].Wall, gdcm.Wall, pydicom.Wall));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"CPU time per file (less sensitive to load): {gdcm.Cpu / ours.Cpu:F1}x less than gdcmanon, {pydicom.Cpu / ours.Cpu:F1}x less than pydicom (one thread)"));
        for (var i = 0; i < clis.Count; i++)
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"CPU time per file, CLI process ({clis[i].Kind}): {gdcm.Cpu / cliMeasurements[i].Cpu:F1}x less than gdcmanon, {pydicom.Cpu / cliMeasurements[i].Cpu:F1}x less than pydicom"));
        return 0;
    }

    private static Measurement MeasureInProcess(Action action)
    {
        var cpu = CpuClock.OwnProcess();
        var clock = Stopwatch.StartNew();
        action();
        return new Measurement(clock.Elapsed, CpuClock.OwnProcess() - cpu);
    }

    private static Measurement MeasureChild(Func<TimeSpan> run)
    {
        var cpu = CpuClock.Children();
        var wall = run();
        return new Measurement(wall, CpuClock.Children() - cpu);
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    /// <summary>Elapsed and CPU time of one run; the best round keeps the shortest of each.</summary>
    private sealed record Measurement(TimeSpan Wall, TimeSpan Cpu)
    {
        public static Measurement None { get; } = new(TimeSpan.MaxValue, TimeSpan.MaxValue);

        public Measurement Best(Measurement other) => new(BenchClock.Min(Wall, other.Wall), BenchClock.Min(Cpu, other.Cpu));
    }

    private static string Ratio(string label, TimeSpan ours, TimeSpan gdcm, TimeSpan pydicom)
    {
        var vsGdcm = gdcm / ours;
        var vsPydicom = pydicom / ours;
        return string.Create(CultureInfo.InvariantCulture,
            $"ratio ({label}): {vsGdcm:F1}x gdcmanon (target >= 2x: {(vsGdcm >= 2 ? "met" : "NOT met")}), {vsPydicom:F1}x pydicom (target >= 10x: {(vsPydicom >= 10 ? "met" : "NOT met")})");
    }

    private static void DeidentifyOne(Deidentifier deidentifier, string path, string directory)
    {
        var result = deidentifier.Deidentify(DicomFile.Open(path));
        result.File.Save(Path.Combine(directory, result.SopInstanceUid + ".dcm"));
    }
}
