using System.Diagnostics;
using System.Runtime.InteropServices;
using MedImaging.Cli.Benchmarking;
using MedImaging.Dicom;

namespace MedImaging.Cli.Commands.Bench;

/// <summary>
/// `medimaging bench parse`: full parse incl. pixel data and header-only parse of N copies of a CT, against pydicom
/// in the same run; plus raw file read and memory copy speed for scale.
/// </summary>
public sealed class BenchParseCommand : ICliCommand
{
    private const string DefaultFile = "testdata/corpus/ct_ele_14s.dcm";

    public string Name => "bench parse";
    public string Usage => "[FILE] [--copies N] [--no-peer]";
    public string Description => "parse speed vs pydicom (default: 200 copies of testdata/corpus/ct_ele_14s.dcm)";

    public int Run(IReadOnlyList<string> args, TextWriter output, TextWriter error)
    {
        var copies = 200;
        string? source = null;
        var peer = true;
        for (var i = 0; i < args.Count; i++)
        {
            if (args[i] == "--copies" && i + 1 < args.Count) copies = int.Parse(args[++i], System.Globalization.CultureInfo.InvariantCulture);
            else if (args[i] == "--no-peer") peer = false;
            else source = args[i];
        }
        source = BenchSource.Find(source ?? DefaultFile);
        if (source is null)
        {
            error.WriteLine("error: no input file (pass one, or run inside the repository for testdata/corpus/ct_ele_14s.dcm)");
            return 2;
        }
        using (var workspace = BenchWorkspace.Create("medimaging-bench-parse"))
        {
            var files = new List<string>(copies);
            for (var i = 0; i < copies; i++)
            {
                var target = Path.Combine(workspace.Path, $"{i:D4}.dcm");
                File.Copy(source, target);
                files.Add(target);
            }
            var bytes = files.Count * new FileInfo(source).Length;
            output.WriteLine($"input: {copies} copies of {Path.GetFileName(source)} ({bytes / copies} bytes each), {Environment.ProcessorCount} cores");

            var full = Best(() => ParseFull(files, pooled: true));
            var fullFresh = Best(() => ParseFull(files, pooled: false));
            var header = Best(() => ParseHeader(files));
            var read = Best(() => ReadRaw(files));
            var copy = MemoryCopyMegabytesPerSecond();
            output.WriteLine($"medimaging full parse + pixel data: {files.Count / full:F0} files/s, reused pixel buffer ({bytes / full / 1e6:F0} MB/s)");
            output.WriteLine($"  same, new pixel array per file:   {files.Count / fullFresh:F0} files/s");
            output.WriteLine($"medimaging header-only parse:       {files.Count / header:F0} files/s");
            output.WriteLine($"raw file read (page cache):         {bytes / read / 1e6:F0} MB/s");
            output.WriteLine($"memory copy (same run):             {copy:F0} MB/s");
            if (peer && PeerBenchmark.Run(files, error) is { } pydicom)
            {
                output.WriteLine($"pydicom {pydicom.Version} dcmread + pixel_array: {pydicom.FullFilesPerSecond:F0} files/s");
                output.WriteLine($"pydicom {pydicom.Version} header-only dcmread:   {pydicom.HeaderFilesPerSecond:F0} files/s");
                output.WriteLine($"speed-up full parse: {files.Count / full / pydicom.FullFilesPerSecond:F1}x (target >= 10x); header-only: {files.Count / header / pydicom.HeaderFilesPerSecond:F1}x");
            }
            return 0;
        }
    }

    /// <summary>Best of three rounds after a warm-up, in seconds.</summary>
    private static double Best(Func<long> round)
    {
        round();
        var best = double.MaxValue;
        for (var i = 0; i < 3; i++)
        {
            var clock = Stopwatch.StartNew();
            round();
            best = Math.Min(best, clock.Elapsed.TotalSeconds);
        }
        return best;
    }

    /// <summary>
    /// Parses each file and reads its pixel data as typed samples (what pixel_array gives), either into one reused
    /// buffer (how a pipeline would run) or into a new array per file.
    /// </summary>
    private static long ParseFull(List<string> files, bool pooled)
    {
        long checksum = 0;
        var buffer = Array.Empty<byte>();
        foreach (var path in files)
        {
            var dataset = DicomFile.Open(path).Dataset;
            var rows = dataset.GetValue<int>(DicomTag.Rows);
            var element = dataset.GetDicomItem<DicomElement>(DicomTag.PixelData)!;
            ReadOnlySpan<byte> pixels;
            if (pooled)
            {
                if (buffer.Length < element.Length) buffer = new byte[element.Length];
                element.CopyValueTo(buffer);
                pixels = buffer.AsSpan(0, (int)element.Length);
            }
            else pixels = element.Buffer.Span;
            var samples = MemoryMarshal.Cast<byte, short>(pixels);
            checksum += rows + samples[samples.Length / 2];
        }
        return checksum;
    }

    private static long ParseHeader(List<string> files)
    {
        long checksum = 0;
        foreach (var path in files) checksum += DicomFile.Open(path, DicomReadOptions.HeaderOnly).Dataset.Count;
        return checksum;
    }

    private static long ReadRaw(List<string> files)
    {
        long total = 0;
        var buffer = new byte[1 << 20];
        foreach (var path in files)
        {
            using var handle = File.OpenHandle(path);
            long offset = 0;
            int n;
            while ((n = RandomAccess.Read(handle, buffer, offset)) > 0) offset += n;
            total += offset;
        }
        return total;
    }

    private static double MemoryCopyMegabytesPerSecond()
    {
        var from = new byte[64 << 20];
        var to = new byte[64 << 20];
        Random.Shared.NextBytes(from);
        from.AsSpan().CopyTo(to);
        var best = double.MaxValue;
        for (var i = 0; i < 5; i++)
        {
            var clock = Stopwatch.StartNew();
            from.AsSpan().CopyTo(to);
            best = Math.Min(best, clock.Elapsed.TotalSeconds);
        }
        return from.Length / best / 1e6;
    }
}
