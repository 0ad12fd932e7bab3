namespace MedImaging.Cli.Commands.BenchIngest;

/// <param name="FinalizeStudies">Studies per finalize measurement (two measurements, one study at a time); 0 skips them.</param>
/// <param name="Peer">Whether to run the Orthanc peer on the same files.</param>
/// <param name="SystemPid">A process whose tree is the measured system (e.g. the AppHost): its CPU time is reported per process.</param>
public sealed record IngestBenchSettings(Uri ApiUrl, int Instances, int Concurrency, string Source, int FinalizeStudies = 20, bool Peer = true, int? SystemPid = null)
{
    /// <summary>
    /// Studies run (at the same concurrency) before the measured ones and not counted, so the figure is a running
    /// service's, not its start-up's: .NET's tiered JIT in the Silo and Api and the JVM's in DynamoDB Local keep compiling
    /// for thousands of studies after a start. Measured at C=8 on 2 cores, whole box, ms CPU per instance: 23-27 after 100
    /// warm-up studies, 23.2 after 1,000, 18.7 after 3,000 (Silo 6.0 -> 4.8, DynamoDB Local 7.7 -> 5.8). With C2 in
    /// DynamoDB Local (the default tuning) one 10,000-study warm-up printed per round of 1,000: 42.2, 18.0, 13.6, 14.3,
    /// 12.5, 11.3 ms (DynamoDB Local 17.5, 7.2, 5.0, 4.8, 3.3, 2.9), then level within the machine's noise. Orthanc
    /// (native code) gets one warm-up file.
    /// </summary>
    public int WarmupStudies { get; init; } = 6000;

    public IngestBenchMode Mode { get; init; } = IngestBenchMode.Pipelined;

    /// <summary>
    /// Cores the Silo and Api together may use during warm-up and measurement, and Orthanc alone in its run (a cgroup
    /// CPU quota each; the emulated AWS services and the bench's clients stay outside it, as AWS would be). Null: no
    /// limit. Compares the two systems' own code on equal CPU; the goal is the unlimited figure.
    /// </summary>
    public double? CpuBudgetCores { get; init; }

    /// <summary>Pipelined mode: uploaded studies not yet seen finished, at most (so the queue cannot grow without limit);
    /// null means <see cref="DefaultMaxInFlight"/>.</summary>
    public int? MaxInFlight { get; init; }

    public int EffectiveMaxInFlight => MaxInFlight ?? DefaultMaxInFlight(Concurrency);

    /// <summary>
    /// A study holds its place until the poller sees it finished, at least a poll interval after it completed, so the
    /// window must exceed rate x seen-latency or it, not the system, sets the rate: with 32 places and polls every 250 ms,
    /// C=8 stopped at 118 instances/s with a third of the machine idle (10.6 ms CPU per instance); with 128 it reached
    /// 138/s on a saturated machine. 96 leaves room up to ~270/s.
    /// </summary>
    public static int DefaultMaxInFlight(int concurrency) => Math.Max(96, 12 * concurrency);

    /// <summary>
    /// Pipelined mode: how often the one poller reads the list of finished studies. Each poll reads again what finished
    /// within the overlap, so polls every 100 ms listed each study ~3 times (0.15 DynamoDB queries per instance, a load
    /// Orthanc's side has no counterpart of); every 250 ms lists it ~2 times. Throughput and the grain's latencies come
    /// from the server's completedAt, so only the "seen" latency pays for the longer interval.
    /// </summary>
    public TimeSpan ListPollInterval { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// Pipelined mode: how far before the previous poll each poll starts reading, at least (see <see cref="CompletionPoller"/>).
    /// Every study completed within it is listed again by each poll, which loads the Api and DynamoDB, so it starts small
    /// and widens only when studies are seen arriving late.
    /// </summary>
    public TimeSpan ListOverlap { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Pipelined mode: studies per list page (the Api allows 1 to 200); the poller follows the cursor through every page.</summary>
    public int ListPageSize { get; init; } = 200;

    /// <summary>Pipelined mode: completed studies whose details (timelines) are fetched after the run for the per-step breakdown.</summary>
    public int DetailSample { get; init; } = 50;

    /// <summary>How long one study may take to complete before it counts as a failure.</summary>
    public TimeSpan CompletionTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Closed mode and the finalize measurement: how often a waiting worker asks whether its study has completed. Polling
    /// loads the system being measured (every poll is a DynamoDB read), so the grain's own completedAt is the figure to
    /// trust; polling only shows what a client sees.
    /// </summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMilliseconds(10);
}

public enum IngestBenchMode
{
    /// <summary>Workers upload back to back (like the Orthanc side) with a bounded number in flight; one poller watches the study list.</summary>
    Pipelined,

    /// <summary>Each worker uploads a study and polls it until completed before the next: what one interactive client sees.</summary>
    Closed,
}
