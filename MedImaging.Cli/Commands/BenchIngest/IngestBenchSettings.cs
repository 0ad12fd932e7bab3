namespace MedImaging.Cli.Commands.BenchIngest;

/// <param name="FinalizeStudies">Studies per finalize measurement (two measurements, one study at a time); 0 skips them.</param>
/// <param name="Peer">Whether to run the Orthanc peer on the same files.</param>
/// <param name="SystemPid">A process whose descendants are the measured system (e.g. the AppHost): their CPU time is reported.</param>
public sealed record IngestBenchSettings(Uri ApiUrl, int Instances, int Concurrency, string Source, int FinalizeStudies = 20, bool Peer = true, int? SystemPid = null)
{
    /// <summary>
    /// Studies run (at the same concurrency) before the measured ones and not counted: a freshly started Silo and Api spend
    /// more CPU on JIT than on the work for their first few hundred instances; Orthanc (native code) gets one warm-up file.
    /// </summary>
    public int WarmupStudies { get; init; } = 100;

    /// <summary>How long one study may take to complete before it counts as a failure.</summary>
    public TimeSpan CompletionTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// How often each worker asks whether its study has completed. Polling loads the system being measured (every poll
    /// is a DynamoDB read), so the grain's own completedAt is the figure to trust; polling only shows what a client sees.
    /// </summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMilliseconds(10);
}
