using System.Diagnostics;
using System.Globalization;
using System.Text;
using MedImaging.Cli.Commands.BenchDeid;
using MedImaging.Dicom.Deidentification;
using MedImaging.Dicom.Deidentification.Policy;

namespace MedImaging.Cli.Commands;

/// <summary>
/// `medimaging bench deid-scale`: how de-identification time grows with the element count. De-identifies in-memory
/// datasets of 100k, 200k, 400k and 800k small private elements (the shape of a hostile upload), best of R runs each,
/// and prints each time and its ratio to the smallest. Linear time gives 8x at 800k; exit 1 when the ratio reaches
/// --max-ratio (default 8).
/// </summary>
public sealed class BenchDeidScaleCommand : ICliCommand
{
    public string Name => "bench deid-scale";
    public string Usage => "[--sizes N,N,...] [--runs R] [--max-ratio X]";
    public string Description => "de-identification time for 100k..800k elements, and how it grows (exit 1: not linear enough)";

    public int Run(IReadOnlyList<string> args, TextWriter output, TextWriter error)
    {
        int[] sizes = [100_000, 200_000, 400_000, 800_000];
        var runs = 3;
        var maxRatio = 8.0;
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--sizes" when i + 1 < args.Count && TryParseSizes(args[i + 1], out var s): sizes = s; i++; break;
                case "--runs" when i + 1 < args.Count && int.TryParse(args[i + 1], out var r) && r > 0: runs = r; i++; break;
                case "--max-ratio" when i + 1 < args.Count && double.TryParse(args[i + 1], CultureInfo.InvariantCulture, out var m) && m > 0: maxRatio = m; i++; break;
                default:
                    error.WriteLine($"usage: medimaging {Name} {Usage}");
                    return CommandLine.UsageError;
            }
        }
        var deidentifier = new Deidentifier(DeidentificationPolicy.Basic, Encoding.UTF8.GetBytes("bench-secret"));
        deidentifier.Deidentify(ManyElementDataset.Build(10_000)); // JIT and lazily built tables, untimed
        output.WriteLine($"machine: {Environment.ProcessorCount} cores, load average {LoadAverage()}");
        var times = new List<TimeSpan>();
        foreach (var size in sizes)
        {
            var best = TimeSpan.MaxValue;
            for (var run = 0; run < runs; run++)
            {
                var file = ManyElementDataset.Build(size);
                GC.Collect();
                var clock = Stopwatch.StartNew();
                deidentifier.Deidentify(file);
                best = clock.Elapsed < best ? clock.Elapsed : best;
            }
            times.Add(best);
            output.WriteLine(FormattableString.Invariant($"{size,9:N0} elements: {best.TotalMilliseconds,9:F1} ms  ({best.TotalMilliseconds * 1000 / size:F2} us/element, x{best / times[0]:F2} of {sizes[0]:N0})"));
        }
        var ratio = times[^1] / times[0];
        output.WriteLine(FormattableString.Invariant($"ratio {sizes[^1]:N0}/{sizes[0]:N0}: {ratio:F2} (elements x{(double)sizes[^1] / sizes[0]:F0}; limit {maxRatio:F1}); load average after {LoadAverage()}"));
        return ratio < maxRatio ? 0 : 1;
    }

    private static bool TryParseSizes(string text, out int[] sizes)
    {
        sizes = text.Split(',').Select(s => int.TryParse(s, out var n) && n > 0 ? n : 0).ToArray();
        return sizes.Length > 0 && sizes.All(n => n > 0);
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";
}
