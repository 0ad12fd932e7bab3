using MedImaging.Cli.Benchmarking;

namespace MedImaging.Cli.Commands.BenchIngest;

/// <summary>Runs the throughput phase: warm-up studies (not counted), then the measured ones.</summary>
public interface IIngestBenchmark
{
    Task<ThroughputResult> RunAsync(WarmupStudies warmup, IReadOnlyList<BenchStudy> studies);
}

/// <summary>
/// Warm-up studies, made one at a time as they are uploaded: a warm-up long enough for the JITs to settle (thousands of
/// 134 KB files) then holds only the uploads in flight, not all of them at once.
/// </summary>
public sealed record WarmupStudies(int Count, Func<BenchStudy> Next);

/// <summary>One completed study: upload answered (202), upload to completed as recorded by the grain, and as seen by the bench.</summary>
public sealed record StudyTiming(string StudyUid, double AcceptedMs, double CompletedMs, double ObservedMs);

/// <summary>The requests the bench made to learn about completions during the measured window.</summary>
/// <param name="DetailPolls">GET /api/studies/{id}.</param>
/// <param name="ListRequests">GET /api/studies?status= pages, and the studies they returned (<paramref name="ListItems"/>).</param>
/// <param name="FoundByDetail">Studies the list did not show in time and a direct GET found finished (should be 0).</param>
/// <param name="LatestListing">Pipelined: <see cref="CompletionPoller.LatestListing"/>, and the <see cref="CompletionPoller.Overlap"/> at the end.</param>
public sealed record StatusRequests(int DetailPolls, int ListRequests, int ListItems, int FoundByDetail, TimeSpan? LatestListing = null, TimeSpan? Overlap = null);

/// <param name="Elapsed">From the first upload's start to the last completion (the grain's completedAt).</param>
/// <param name="Observed">From the first upload's start to when the bench saw the last study finished.</param>
/// <param name="Cpu">CPU per process role in the measured window (the bench itself included, as its own role), when measured.</param>
/// <param name="Details">Completed studies' details for the per-step breakdown (all in closed mode, a sample when pipelined).</param>
public sealed record ThroughputResult(
    IReadOnlyList<StudyTiming> Timings, int Failures, TimeSpan Elapsed, TimeSpan Observed,
    IReadOnlyList<RoleCpu>? Cpu, StatusRequests Requests, IReadOnlyList<StudyState> Details)
{
    /// <summary>CPU seconds of the measured system, the bench not included; null when not measured.</summary>
    public double? SystemCpuSeconds => Cpu?.Where(r => r.Role != ProcessRoles.Bench).Sum(r => r.Seconds);

    /// <summary>CPU seconds per completed instance (the idle stack uses ~2 % of a core, measured once: not subtracted); null when not measured.</summary>
    public double? CpuSecondsPerInstance => SystemCpuSeconds is { } cpu && Timings.Count > 0 ? cpu / Timings.Count : null;

    public double InstancesPerSecond => Timings.Count / Elapsed.TotalSeconds;
}
