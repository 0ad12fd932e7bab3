using MedImaging.Pipeline.Steps;

namespace MedImaging.Pipeline.Execution;

/// <summary>
/// The result of running one step: the progress to store and the timeline entry to append.
/// When <see cref="TimelineEntry.Outcome"/> is <see cref="StepOutcome.RetryScheduled"/>, send the grain a
/// message delayed by <see cref="DelaySeconds"/> and run <see cref="Progress"/> again then.
/// </summary>
public sealed record StepRun(InstanceProgress Progress, TimelineEntry Entry)
{
    public int DelaySeconds => Entry.RetryAfter is { } delay ? (int)Math.Min(900, Math.Ceiling(delay.TotalSeconds)) : 0;
}
