namespace MedImaging.Aws.StudyQueue;

/// <summary>A study message waiting on the timer queue until <see cref="DueAt"/>, with what the FIFO send needs.</summary>
public sealed record StudyTimer(string Body, string GroupId, string DeduplicationId, string? TraceParent, DateTimeOffset DueAt)
{
    // The body and group id may carry identifiers; keep them out of logs.
    public override string ToString() => $"StudyTimer {{ DueAt = {DueAt:O} }}";
}
