using System.Collections.Concurrent;
using System.Diagnostics;

namespace MedImaging.Cli.Commands.BenchIngest;

/// <summary>
/// Throughput phase of the ingest benchmark: C workers each upload a one-instance study (finalized by the upload
/// itself) and poll it until it is completed, until all N are done. Polls start shortly before the typical completion
/// time (<see cref="AdaptivePolling"/>), so that polling does not load the system it measures.
/// </summary>
/// <param name="systemCpuSeconds">Reads the CPU seconds the measured system has used so far, when known.</param>
public sealed class IngestBenchmark(IngestApiClient api, IngestBenchSettings settings, Func<double?> systemCpuSeconds, TextWriter progress)
{
    private readonly ConcurrentBag<StudyTiming> _timings = [];
    private readonly AdaptivePolling _polling = new(settings.PollInterval);
    private int _failures;

    /// <param name="warmup">Run first at the same concurrency and not counted: connections, and the JIT of both sides, which for
    /// the first few hundred instances after a start costs our services more CPU than the instances themselves.</param>
    public async Task<ThroughputResult> RunAsync(IReadOnlyList<BenchStudy> warmup, IReadOnlyList<BenchStudy> studies)
    {
        await RunAllAsync(warmup);
        _timings.Clear();
        _failures = 0;

        var cpuBefore = systemCpuSeconds();
        var pollsBefore = api.Polls;
        var clock = Stopwatch.StartNew();
        await RunAllAsync(studies);
        var elapsed = clock.Elapsed;
        return new ThroughputResult([.. _timings], _failures, elapsed, systemCpuSeconds() - cpuBefore, api.Polls - pollsBefore);
    }

    private async Task RunAllAsync(IReadOnlyList<BenchStudy> studies)
    {
        var next = -1;
        var workers = Enumerable.Range(0, settings.Concurrency).Select(async _ =>
        {
            int index;
            while ((index = Interlocked.Increment(ref next)) < studies.Count)
                await RunOneAsync(studies[index]);
        });
        await Task.WhenAll(workers);
    }


    private async Task RunOneAsync(BenchStudy study)
    {
        var sentAt = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        if (!await api.UploadAsync(study, finalize: true))
        {
            Fail("upload refused");
            return;
        }
        var accepted = clock.Elapsed;
        var schedule = _polling.Next();
        var state = await api.WaitForAsync(study.StudyUid, s => s.IsFinished, schedule with { FirstPollAfter = schedule.FirstPollAfter - accepted });
        if (state is not { Status: "completed", CompletedAt: { } completedAt })
        {
            Fail(state is null ? "a study did not complete in time" : "a study failed");
            return;
        }
        _polling.Completed((completedAt - sentAt).TotalMilliseconds);
        _timings.Add(new StudyTiming(accepted.TotalMilliseconds, (completedAt - sentAt).TotalMilliseconds, clock.Elapsed.TotalMilliseconds, state));
    }

    private void Fail(string why)
    {
        Interlocked.Increment(ref _failures);
        lock (progress) progress.WriteLine(why);
    }
}

/// <summary>One study: upload answered (202), completed as recorded by the grain, completed as seen by polling, its final state.</summary>
public sealed record StudyTiming(double AcceptedMs, double CompletedMs, double ObservedMs, StudyState Completed);

/// <param name="SystemCpuSeconds">CPU the measured system spent in the run (polling included), when its process is known.</param>
/// <param name="Polls">Status requests (GET /api/studies/{id}) the workers made.</param>
public sealed record ThroughputResult(IReadOnlyList<StudyTiming> Timings, int Failures, TimeSpan Elapsed, double? SystemCpuSeconds, int Polls)
{
    /// <summary>CPU seconds per completed instance (the idle stack uses ~2 % of a core, measured once: not subtracted); null when not measured.</summary>
    public double? CpuSecondsPerInstance => SystemCpuSeconds is { } cpu && Timings.Count > 0 ? cpu / Timings.Count : null;

    public double InstancesPerSecond => Timings.Count / Elapsed.TotalSeconds;
}
