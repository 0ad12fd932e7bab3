namespace MedImaging.Cli.Commands.BenchIngest;

public sealed record IngestBenchSettings(Uri ApiUrl, int Instances, int Concurrency, string Source)
{
    /// <summary>How long one study may take to complete before it counts as a failure.</summary>
    public TimeSpan CompletionTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How often the client asks whether a study has completed.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMilliseconds(5);
}
