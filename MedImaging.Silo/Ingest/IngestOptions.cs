namespace MedImaging.Silo.Ingest;

/// <summary>How the ingest-events queue is consumed, bound from <c>MedImaging:Ingest</c>.</summary>
public sealed record IngestOptions
{
    public const string SectionName = "MedImaging:Ingest";

    /// <summary>
    /// Receives of an event before the silo dead-letters it with the reason of its last failure (the queue's redrive
    /// policy, at the same count, is the backstop). Between receives it waits 1, 2, 4 ... s (at most 5 min).
    /// </summary>
    public int MaxReceives { get; init; } = 5;
}
