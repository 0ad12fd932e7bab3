namespace MedImaging.Pipeline.Steps;

/// <summary>One row of a study's timeline: what one attempt of one step did.</summary>
/// <param name="Error">Failure code and PHI-free message, null on success.</param>
/// <param name="RetryAfter">When a retry is scheduled, how long the grain should wait before it.</param>
public sealed record TimelineEntry(
    string InstanceKey,
    PipelineStep Step,
    int Attempt,
    DateTimeOffset Start,
    DateTimeOffset End,
    StepOutcome Outcome,
    string? Error = null,
    TimeSpan? RetryAfter = null)
{
    public TimeSpan Duration => End - Start;
}
