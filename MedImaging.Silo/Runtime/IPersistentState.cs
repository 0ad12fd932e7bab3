namespace MedImaging.Silo.Runtime;

/// <summary>
/// A grain's durable state, as Orleans' IPersistentState: read at activation, written by the grain when it
/// decides; a write fails with a concurrency exception when someone else wrote since the read (ETag).
/// </summary>
public interface IPersistentState<TState> where TState : class, new()
{
    TState State { get; set; }

    /// <summary>The version read or last written; null before the state was first written.</summary>
    string? Etag { get; }

    bool RecordExists { get; }

    Task ReadStateAsync(CancellationToken cancellationToken = default);

    Task WriteStateAsync(CancellationToken cancellationToken = default);
}
