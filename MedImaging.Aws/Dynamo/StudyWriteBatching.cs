namespace MedImaging.Aws.Dynamo;

/// <summary>How long study saves may wait for company on a busy table (see <see cref="StudyWriteBatcher"/>).</summary>
public sealed record StudyWriteBatching
{
    public static StudyWriteBatching Default { get; } = new();

    /// <summary>
    /// While the table is busy, a save waits at most this long from its arrival for others to share its request (plus
    /// the request in flight, if any). Zero sends whatever waits as soon as nothing is in flight.
    /// </summary>
    public TimeSpan Linger { get; init; } = TimeSpan.FromMilliseconds(20);

    /// <summary>A busy table's waiting saves leave at once when this many wait: the Silo sets its studies at a time (MaxConcurrentStudies, default 8).</summary>
    public int EnoughStudies { get; init; } = 8;
}
