using System.Globalization;

namespace MedImaging.Cli.Commands.BenchIngest;

public sealed record IngestBenchReport(IngestBenchSettings Settings, int FileBytes, IReadOnlyList<StudyTiming> Timings, int Failures, TimeSpan Elapsed)
{
    public void Print(TextWriter output)
    {
        var inv = CultureInfo.InvariantCulture;
        output.WriteLine($"bench ingest: {Settings.Instances} one-instance studies of {Path.GetFileName(Settings.Source)} ({FileBytes} bytes), concurrency {Settings.Concurrency}, {Settings.ApiUrl}");
        output.WriteLine($"  upload answered (202)          {LatencySummary.Of(Timings.Select(t => t.AcceptedMs))}");
        output.WriteLine($"  upload -> completed (grain)    {LatencySummary.Of(Timings.Select(t => t.CompletedMs))}");
        output.WriteLine($"  upload -> completed (polled)   {LatencySummary.Of(Timings.Select(t => t.ObservedMs))}");
        output.WriteLine(string.Create(inv, $"  throughput                     {Timings.Count / Elapsed.TotalSeconds:0.0} instances/s over {Elapsed.TotalSeconds:0.0} s; failures {Failures}"));
        output.WriteLine("  peer (Orthanc REST store)      not measured by this command yet");
    }
}
