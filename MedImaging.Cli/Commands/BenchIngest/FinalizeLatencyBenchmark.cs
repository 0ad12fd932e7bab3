using System.Diagnostics;

namespace MedImaging.Cli.Commands.BenchIngest;

/// <summary>
/// Finalize phase of the ingest benchmark, one study at a time so that no queueing behind other studies counts:
/// each one-instance study is uploaded with ?finalize=false, then finalized with expectedInstances 1, either once
/// its instance is processed (polled until done or failed: what finalize itself costs) or right after the upload
/// answered (processing included). The time runs from just before the finalize request is sent to the study's
/// completedAt (the grain's clock; same machine) and, separately, to the first poll that sees it completed.
/// </summary>
public sealed class FinalizeLatencyBenchmark(IngestApiClient api, TextWriter progress)
{
    public async Task<FinalizeResult> RunAsync(IReadOnlyList<BenchStudy> afterProcessing, IReadOnlyList<BenchStudy> rightAfterUpload)
    {
        var failures = 0;
        var processed = new List<FinalizeTiming>();
        foreach (var study in afterProcessing)
            if (await RunOneAsync(study, waitForInstance: true) is { } timing) processed.Add(timing); else failures++;
        var immediate = new List<FinalizeTiming>();
        foreach (var study in rightAfterUpload)
            if (await RunOneAsync(study, waitForInstance: false) is { } timing) immediate.Add(timing); else failures++;
        return new FinalizeResult(processed, immediate, failures);
    }

    private async Task<FinalizeTiming?> RunOneAsync(BenchStudy study, bool waitForInstance)
    {
        if (!await api.UploadAsync(study, finalize: false)) return Fail("upload refused");
        if (waitForInstance && await api.WaitForAsync(study.StudyUid, s => s.InstancesFinished) is null)
            return Fail("an instance was not processed in time");
        var sentAt = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        if (!await api.FinalizeAsync(study.StudyUid, expectedInstances: 1)) return Fail("finalize refused");
        var state = await api.WaitForAsync(study.StudyUid, s => s.IsFinished);
        if (state is not { Status: "completed", CompletedAt: { } completedAt })
            return Fail(state is null ? "a finalized study did not complete in time" : "a finalized study failed");
        var reachedGrain = state.FinalizeTakenAt is { } taken ? (taken - sentAt).TotalMilliseconds : double.NaN;
        return new FinalizeTiming((completedAt - sentAt).TotalMilliseconds, clock.Elapsed.TotalMilliseconds, reachedGrain);
    }

    private FinalizeTiming? Fail(string why)
    {
        progress.WriteLine(why);
        return null;
    }
}

/// <summary>Finalize sent to completedAt (grain's record) and to the poll that saw it; and to the grain's
/// finalize-requested event (Api and queue; NaN if the timeline has no such event).</summary>
public sealed record FinalizeTiming(double CompletedMs, double ObservedMs, double ReachedGrainMs);

public sealed record FinalizeResult(IReadOnlyList<FinalizeTiming> AfterProcessing, IReadOnlyList<FinalizeTiming> RightAfterUpload, int Failures);
