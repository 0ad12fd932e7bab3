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
/// identifying attributes, then runs gdcmanon --dumb once over the same directory and a pydicom script, with
/// the same removals, and prints the files/s of each from the same run.
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
        var warmup = BenchCorpusBuilder.Build(source, Path.Combine(work, "warmup"), 3);
        var deidentifier = new Deidentifier(DeidentificationPolicy.Basic, Encoding.UTF8.GetBytes("bench-secret"));
        foreach (var path in warmup)
            DeidentifyOne(deidentifier, path, Path.Combine(work, "warmup"));

        // R rounds, each running every tool once into a fresh directory, interleaved so that all tools see the
        // same machine load; each tool's best round counts (the machine may be shared).
        var actions = PeerActions.ForBenchmark();
        string Fresh(string name, int run) => Directory.CreateDirectory(Path.Combine(work, $"{name}-{run}")).FullName;
        var oursElapsed = TimeSpan.MaxValue;
        var parallelElapsed = TimeSpan.MaxValue;
        var gdcmElapsed = TimeSpan.MaxValue;
        var pydicomElapsed = TimeSpan.MaxValue;
        for (var run = 0; run < runs; run++)
        {
            var target = Fresh("ours", run);
            var clock = Stopwatch.StartNew();
            foreach (var path in inputs)
                DeidentifyOne(deidentifier, path, target);
            oursElapsed = BenchClock.Min(oursElapsed, clock.Elapsed);

            target = Fresh("ours-parallel", run);
            clock.Restart();
            Parallel.ForEach(inputs, path => DeidentifyOne(deidentifier, path, target));
            parallelElapsed = BenchClock.Min(parallelElapsed, clock.Elapsed);

            gdcmElapsed = BenchClock.Min(gdcmElapsed, PeerRunner.RunGdcmanon(input, Fresh("gdcmanon", run), actions));
            pydicomElapsed = BenchClock.Min(pydicomElapsed, PeerRunner.RunPydicom(input, Fresh("pydicom", run), actions, work));
        }
        var ours = Path.Combine(work, "ours-0");
        var oursParallel = Path.Combine(work, "ours-parallel-0");

        foreach (var (tool, directory) in new[] { ("medimaging", ours), ("medimaging", oursParallel), ("gdcmanon", Path.Combine(work, "gdcmanon-0")), ("pydicom", Path.Combine(work, "pydicom-0")) })
        {
            var written = Directory.GetFiles(directory).Length;
            if (written != count)
            {
                error.WriteLine($"error: {tool} wrote {written} of {count} files");
                return FileBatch.FileError;
            }
        }

        string Line(string tool, TimeSpan elapsed, string note) =>
            $"{tool,-11} {count} files in {elapsed.TotalSeconds.ToString("F2", CultureInfo.InvariantCulture),6} s = {BenchClock.Rate(count, elapsed),7} files/s  {note}";
        var size = new FileInfo(inputs[0]).Length / 1024;
        output.WriteLine($"bench deid (best of {runs} interleaved rounds): {count} copies of {Path.GetFileName(source)} (512x512 16-bit CT, {size} KiB, {BenchPhi.AttributeCount} identifying attributes incl. private and nested)");
        output.WriteLine(Line("medimaging", oursElapsed, "(Basic profile, in-process, one thread, after a 3-file warm-up)"));
        output.WriteLine(Line("medimaging", parallelElapsed, $"(same, {Environment.ProcessorCount} threads)"));
        output.WriteLine(Line("gdcmanon", gdcmElapsed, $"({PeerRunner.GdcmVersion().Split('\n')[0]}, --dumb, same removals, one run over the directory)"));
        output.WriteLine(Line("pydicom", pydicomElapsed, $"(pydicom {PeerRunner.PydicomVersion()}, same removals, one python process)"));
        output.WriteLine(Ratio("one thread", oursElapsed, gdcmElapsed, pydicomElapsed));
        output.WriteLine(Ratio($"{Environment.ProcessorCount} threads", parallelElapsed, gdcmElapsed, pydicomElapsed));
        return 0;
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
