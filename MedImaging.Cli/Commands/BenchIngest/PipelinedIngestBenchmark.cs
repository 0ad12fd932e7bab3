using System.Collections.Concurrent;
using System.Diagnostics;
using MedImaging.Cli.Benchmarking;

namespace MedImaging.Cli.Commands.BenchIngest;

/// <summary>
/// Throughput phase of the ingest benchmark, open loop like the Orthanc side: C workers upload one-instance studies
/// (finalized by the upload itself) back to back, each as soon as its previous upload was answered, while at most
/// <see cref="IngestBenchSettings.EffectiveMaxInFlight"/> uploaded studies are not yet finished. One
/// <see cref="CompletionPoller"/> watches them all through the study list. Throughput is the completed instances over
/// the time from the first upload's start to the last completedAt; the CPU window ends when the poller saw the last one.
/// Study details (for the per-step breakdown) are fetched for a sample only, after the measured window.
/// </summary>
public sealed class PipelinedIngestBenchmark(IngestApiClient api, IngestBenchSettings settings, Func<ProcessCpuSnapshot?> cpu, TextWriter progress) : IIngestBenchmark
{
    public async Task<ThroughputResult> RunAsync(WarmupStudies warmup, IReadOnlyList<BenchStudy> studies)
    {
        await WarmupRounds.RunAsync(warmup, (count, studyAt) => RunPhaseAsync(count, studyAt), cpu, progress);
        var cpuBefore = cpu();
        var (listsBefore, polls) = (api.Lists, api.Polls);
        var phase = await RunPhaseAsync(studies.Count, i => studies[i]);
        var cpuUsed = cpuBefore is not null && cpu() is { } cpuAfter ? cpuAfter.Since(cpuBefore) : null;
        var requests = new StatusRequests(api.Polls - polls, api.Lists.Requests - listsBefore.Requests, api.Lists.Items - listsBefore.Items, phase.FoundByDetail, phase.LatestListing, phase.Overlap);
        var details = await FetchSampleAsync(phase.Timings);
        var lastCompleted = phase.Finished.Where(f => f.Completed).Select(f => f.CompletedAt!.Value).DefaultIfEmpty(phase.StartedAt + phase.Observed).Max();
        return new ThroughputResult(phase.Timings, studies.Count - phase.Timings.Count, lastCompleted - phase.StartedAt, phase.Observed, cpuUsed, requests, details);
    }

    private async Task<PhaseResult> RunPhaseAsync(int count, Func<int, BenchStudy> studyAt)
    {
        var uploads = new ConcurrentDictionary<string, Upload>();
        var finishedStudies = new ConcurrentQueue<FinishedStudy>();
        using var window = new SemaphoreSlim(settings.EffectiveMaxInFlight);
        var outcome = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var remaining = count;
        void Done()
        {
            window.Release();
            if (Interlocked.Decrement(ref remaining) == 0) outcome.TrySetResult();
        }
        var poller = new CompletionPoller(api, settings, finished =>
        {
            finishedStudies.Enqueue(finished);
            if (!finished.Completed) Fail(finished.Status == "failed" ? "a study failed" : "a study did not complete in time");
            Done();
        });

        using var stop = new CancellationTokenSource();
        var startedAt = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        var polling = poller.RunAsync(startedAt, stop.Token);
        _ = polling.ContinueWith(t => outcome.TrySetException(t.Exception!.InnerExceptions), TaskContinuationOptions.OnlyOnFaulted);
        var next = -1;
        var workers = Enumerable.Range(0, settings.Concurrency).Select(async _ =>
        {
            try
            {
                int index;
                while ((index = Interlocked.Increment(ref next)) < count)
                {
                    await window.WaitAsync(stop.Token);
                    var study = studyAt(index);
                    var upload = uploads[study.StudyUid] = new Upload(DateTimeOffset.UtcNow, clock.Elapsed);
                    poller.Watch(study.StudyUid);
                    var accepted = await api.UploadAsync(study, finalize: true);
                    upload.AcceptedAfter = clock.Elapsed - upload.Started;
                    if (!accepted && poller.Forget(study.StudyUid))
                    {
                        Fail("upload refused");
                        Done();
                    }
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
            }
            catch (Exception e)
            {
                outcome.TrySetException(e);
            }
        }).ToArray();
        TimeSpan observed;
        try
        {
            await outcome.Task;
            observed = clock.Elapsed;
        }
        finally
        {
            await stop.CancelAsync();
            await Task.WhenAll(workers);
            await polling.ContinueWith(_ => { }, TaskScheduler.Default);
        }
        var timings = finishedStudies.Where(f => f.Completed).Select(f =>
        {
            var upload = uploads[f.StudyUid];
            return new StudyTiming(f.StudyUid, upload.AcceptedAfter.TotalMilliseconds, (f.CompletedAt!.Value - upload.SentAt).TotalMilliseconds, (f.ObservedAt - upload.SentAt).TotalMilliseconds);
        }).ToArray();
        return new PhaseResult(timings, [.. finishedStudies], startedAt, observed, poller.FoundByDetail, poller.LatestListing, poller.Overlap);
    }

    private async Task<IReadOnlyList<StudyState>> FetchSampleAsync(IReadOnlyList<StudyTiming> timings)
    {
        if (timings.Count == 0 || settings.DetailSample == 0) return [];
        var step = Math.Max(1, timings.Count / settings.DetailSample);
        var details = new List<StudyState>();
        for (var i = 0; i < timings.Count && details.Count < settings.DetailSample; i += step)
            if (await api.GetAsync(timings[i].StudyUid) is { } state) details.Add(state);
        return details;
    }

    private void Fail(string why)
    {
        lock (progress) progress.WriteLine(why);
    }

    /// <summary>One upload: when it was sent (wall clock, to compare with the server's completedAt) and how long its answer took.</summary>
    private sealed class Upload(DateTimeOffset sentAt, TimeSpan started)
    {
        public DateTimeOffset SentAt { get; } = sentAt;
        public TimeSpan Started { get; } = started;
        public TimeSpan AcceptedAfter { get; set; } = TimeSpan.Zero;
    }

    private sealed record PhaseResult(IReadOnlyList<StudyTiming> Timings, IReadOnlyList<FinishedStudy> Finished, DateTimeOffset StartedAt, TimeSpan Observed, int FoundByDetail, TimeSpan LatestListing, TimeSpan Overlap);
}
