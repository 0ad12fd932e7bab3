using System.Collections.Concurrent;
using System.Diagnostics;
using MedImaging.Cli.Benchmarking;

namespace MedImaging.Cli.Commands.BenchIngest;

/// <summary>
/// Throughput phase in closed mode (--mode closed), what one interactive client sees: C workers each upload a
/// one-instance study (finalized by the upload itself) and poll it until it is completed, until all N are done. The
/// rate is bound by latency, and the polls load the system measured: polls start shortly before the typical completion
/// time (<see cref="AdaptivePolling"/>) to keep that small.
/// </summary>
public sealed class ClosedLoopIngestBenchmark(IngestApiClient api, IngestBenchSettings settings, Func<ProcessCpuSnapshot?> cpu, TextWriter progress) : IIngestBenchmark
{
    private readonly ConcurrentBag<(StudyTiming Timing, StudyState State)> _completed = [];
    private readonly AdaptivePolling _polling = new(settings.PollInterval);
    private int _failures;

    public async Task<ThroughputResult> RunAsync(WarmupStudies warmup, IReadOnlyList<BenchStudy> studies)
    {
        await WarmupRounds.RunAsync(warmup, RunAllAsync, cpu, progress);
        _completed.Clear();
        _failures = 0;

        var cpuBefore = cpu();
        var (pollsBefore, lists) = (api.Polls, api.Lists);
        var clock = Stopwatch.StartNew();
        await RunAllAsync(studies.Count, i => studies[i]);
        var elapsed = clock.Elapsed;
        var cpuUsed = cpuBefore is not null && cpu() is { } cpuAfter ? cpuAfter.Since(cpuBefore) : null;
        var requests = new StatusRequests(api.Polls - pollsBefore, api.Lists.Requests - lists.Requests, api.Lists.Items - lists.Items, 0);
        return new ThroughputResult([.. _completed.Select(c => c.Timing)], _failures, elapsed, elapsed, cpuUsed, requests, [.. _completed.Select(c => c.State)]);
    }

    private async Task RunAllAsync(int count, Func<int, BenchStudy> studyAt)
    {
        var next = -1;
        var workers = Enumerable.Range(0, settings.Concurrency).Select(async _ =>
        {
            int index;
            while ((index = Interlocked.Increment(ref next)) < count)
                await RunOneAsync(studyAt(index));
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
        _completed.Add((new StudyTiming(study.StudyUid, accepted.TotalMilliseconds, (completedAt - sentAt).TotalMilliseconds, clock.Elapsed.TotalMilliseconds), state));
    }

    private void Fail(string why)
    {
        Interlocked.Increment(ref _failures);
        lock (progress) progress.WriteLine(why);
    }
}
