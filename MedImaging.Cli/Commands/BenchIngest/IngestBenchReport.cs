using System.Globalization;
using MedImaging.Cli.Benchmarking;
using MedImaging.Cli.Commands.BenchIngest.Orthanc;

namespace MedImaging.Cli.Commands.BenchIngest;

public sealed record IngestBenchReport(IngestBenchSettings Settings, int FileBytes, ThroughputResult Throughput, FinalizeResult? Finalize, OrthancPeerOutcome Peer)
{
    /// <summary>The issue's goal for a one-instance study, from its finalize to completed.</summary>
    public const double FinalizeTargetMs = 150;

    public int Failures => Throughput.Failures + (Finalize?.Failures ?? 0) + (Peer.Result is { } p ? p.Failures + Math.Abs(p.Sent - p.Stored) : 0);

    public void Print(TextWriter output)
    {
        var inv = CultureInfo.InvariantCulture;
        var timings = Throughput.Timings;
        output.WriteLine($"bench ingest: {Settings.Instances} one-instance studies of {Path.GetFileName(Settings.Source)} ({FileBytes} bytes), concurrency {Settings.Concurrency}, {ModeDescription()}, {Settings.ApiUrl}, {Environment.ProcessorCount} cores, load {MachineLoad.Describe()}");
        output.WriteLine($"  medimaging (POST /api/studies, upload finalizes, full pipeline; after {Settings.WarmupStudies} warm-up studies)");
        if (Settings.CpuBudgetCores is { } cores)
            output.WriteLine(string.Create(inv, $"  CPU budget: the Silo and Api together {cores:0.00} cores, Orthanc {cores:0.00} cores (a cgroup CPU quota each, warm-up and measurement); the emulated AWS services, AppHost and bench clients run outside it, as AWS would"));
        output.WriteLine($"    upload answered (202)          {LatencySummary.Of(timings.Select(t => t.AcceptedMs))}");
        output.WriteLine($"    upload -> completed (grain)    {LatencySummary.Of(timings.Select(t => t.CompletedMs))}");
        output.WriteLine($"    upload -> completed (seen)     {LatencySummary.Of(timings.Select(t => t.ObservedMs))}");
        output.WriteLine(string.Create(inv, $"    throughput                     {Throughput.InstancesPerSecond,8:0.0} instances/s over {Throughput.Elapsed.TotalSeconds:0.0} s (first upload -> last completedAt; {Throughput.Observed.TotalSeconds:0.0} s until seen); completed {timings.Count} of {Settings.Instances}, failures {Throughput.Failures}"));
        var requests = Throughput.Requests;
        output.WriteLine(string.Create(inv, $"    status requests                {requests.DetailPolls} study GETs, {requests.ListRequests} list pages ({requests.ListItems} studies listed), {requests.FoundByDetail} found only by a study GET: {(requests.DetailPolls + requests.ListRequests) / (double)Math.Max(1, Settings.Instances):0.00} per instance"));
        if (requests is { LatestListing: { } latest, Overlap: { } overlap })
            output.WriteLine(string.Create(inv, $"    list polls                     a study reached the list up to {latest.TotalMilliseconds:0} ms after the previous poll began; each poll read from {overlap.TotalMilliseconds:0} ms before it at the end (at least {Settings.ListOverlap.TotalMilliseconds:0} ms, twice the latest arrival)"));
        SystemCpuReport.Print(output, Throughput, Settings.SystemPid, Peer.Result);
        var breakdown = StepBreakdown.Of(Throughput.Details);
        if (breakdown.Count > 0)
        {
            output.WriteLine($"    where the time went ({Throughput.Details.Count} study timelines{(Settings.Mode == IngestBenchMode.Pipelined ? ", sampled after the run" : "")}, server clock):");
            foreach (var (part, summary) in breakdown)
                output.WriteLine($"      {part,-29}{summary}");
        }
        if (Finalize is { } finalize)
        {
            output.WriteLine($"  finalize -> completed, one study at a time, uploaded with ?finalize=false, finalize {{\"expectedInstances\":1}} (failures {finalize.Failures})");
            PrintFinalize(output, "instance processed, then finalize", finalize.AfterProcessing);
            PrintFinalize(output, "finalize right after the upload ", finalize.RightAfterUpload);
        }
        if (Peer.Result is { } peer)
        {
            output.WriteLine($"  Orthanc {peer.Version} (POST /instances, same {peer.Sent} files, concurrency {Settings.Concurrency}, own network namespace with only loopback; after one warm-up file)");
            output.WriteLine($"    store answered                 {peer.Latency}");
            output.WriteLine(string.Create(inv, $"    throughput                     {peer.InstancesPerSecond,8:0.0} instances/s over {peer.Seconds:0.0} s; stored {peer.Stored} of {peer.Sent}, refused {peer.Failures}"));
            output.WriteLine(string.Create(inv, $"    CPU of Orthanc                 {peer.CpuSeconds * 1000 / Math.Max(1, peer.Sent),8:0.0} ms per instance ({peer.CpuSeconds:0.0} s)"));
            var ratio = Throughput.InstancesPerSecond / peer.InstancesPerSecond;
            output.WriteLine(Settings.CpuBudgetCores is null
                ? string.Create(inv, $"  medimaging / Orthanc instances/s: {ratio:0.00}x (goal >= 1x with the full pipeline: {(ratio >= 1 ? "met" : "NOT met")})")
                : string.Create(inv, $"  medimaging / Orthanc instances/s on equal CPU budgets: {ratio:0.00}x (the issue's goal is judged without a budget, emulators on the same cores)"));
            if (Settings.CpuBudgetCores is { } budget && BudgetedSeconds() is { } budgeted)
                output.WriteLine(string.Create(inv,
                    $"  share of the budget used: medimaging's Silo and Api {budgeted / (Throughput.Observed.TotalSeconds * budget):P0}, Orthanc {peer.CpuSeconds / (peer.Seconds * budget):P0} (below ~95% the budget was not what limited the rate)"));
            if (Throughput.CpuSecondsPerInstance is { } ours && peer.CpuSeconds > 0)
                output.WriteLine(string.Create(inv, $"  CPU per instance, medimaging / Orthanc: {ours / (peer.CpuSeconds / peer.Sent):0.0}x (CPU time is inflated too when the machine is oversubscribed)"));
        }
        else
        {
            output.WriteLine($"  Orthanc peer: skipped ({Peer.SkippedBecause})");
        }
    }

    private double? BudgetedSeconds() =>
        Throughput.Cpu?.Where(r => r.Role is ProcessRoles.Silo or ProcessRoles.Api).Sum(r => r.Seconds);

    private static void PrintFinalize(TextWriter output, string label, IReadOnlyList<FinalizeTiming> timings)
    {
        var grain = LatencySummary.Of(timings.Select(t => t.CompletedMs));
        output.WriteLine($"    {label} -> completed (grain)   {grain}   target p50 <= {FinalizeTargetMs:0} ms: {(grain.P50 <= FinalizeTargetMs ? "met" : "NOT met")}");
        output.WriteLine($"    {label} -> completed (polled)  {LatencySummary.Of(timings.Select(t => t.ObservedMs))}");
        output.WriteLine($"      of which sent -> grain's finalize-requested (Api, queue, turn) {LatencySummary.Of(timings.Select(t => t.ReachedGrainMs).Where(double.IsFinite))}");
    }

    private string ModeDescription() => Settings.Mode == IngestBenchMode.Closed
        ? "closed loop (each worker polls its study until completed)"
        : string.Create(CultureInfo.InvariantCulture, $"pipelined (at most {Settings.EffectiveMaxInFlight} in flight, list polled every {Settings.ListPollInterval.TotalMilliseconds:0} ms)");
}
