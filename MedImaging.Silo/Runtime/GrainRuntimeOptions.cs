namespace MedImaging.Silo.Runtime;

/// <summary>How the grain runtime consumes the study queue, bound from <c>MedImaging:GrainRuntime</c>.</summary>
public sealed record GrainRuntimeOptions
{
    public const string SectionName = "MedImaging:GrainRuntime";

    /// <summary>Studies (message groups) handled at the same time by this silo.</summary>
    public int MaxConcurrentStudies { get; init; } = 8;

    /// <summary>
    /// Studies a receive may bring beyond the free slots, to wait in the silo (their visibility renewed) for the next
    /// free slots; the next receive waits until they all run. Under load the queue holds more than the free slots, so
    /// receives come back full: fewer of them per message. A quiet queue answers a long poll with what it has, so it adds
    /// no wait. With several silos, a silo may hold that many studies another could have run sooner. Zero turns it off.
    /// </summary>
    public int PrefetchStudies { get; init; } = 9;

    /// <summary>Instance messages of one study that may share a turn (run at the same time, saved once); 1 turns batching off.</summary>
    public int MaxInstancesPerTurn { get; init; } = 10;

    /// <summary>How long a received message stays hidden from other silos; renewed by the heartbeat.</summary>
    public TimeSpan VisibilityTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How often the heartbeat renews the visibility of the messages in hand.</summary>
    public TimeSpan HeartbeatInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Long-poll wait (SQS allows at most 20 s).</summary>
    public TimeSpan ReceiveWaitTime { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>
    /// After a receive that brought some messages but not as many as the silo could ever take at once, while more than one
    /// study is in hand, how long to let messages (and free slots) accumulate before the next receive: fewer, fuller
    /// receives under load. A receive that came back full or empty, or with a lone study in hand (one upload at a time),
    /// is followed at once, so a quiet silo takes its next message without this wait. Zero turns it off.
    /// </summary>
    public TimeSpan ReceiveLinger { get; init; } = TimeSpan.FromMilliseconds(15);

    /// <summary>
    /// How long a turn's delete may wait for the deletes of other studies in hand, to leave in one request (counted from
    /// its turn's end, a request in flight included). A delete with no other study in hand goes at once; so do the waiting
    /// deletes when the silo receives, and any delete while its receive waits (a silo with free slots deletes at once).
    /// A study's last turn frees its slot before its delete, so the wait costs no throughput; it delays only the next
    /// message of a study while the silo is saturated (all slots busy, receives spaced by several turns). Zero turns it
    /// off (deletes still coalesce while one is in flight).
    /// </summary>
    public TimeSpan DeleteLinger { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Deliveries of one message before it goes to the dead-letter queue.</summary>
    public int MaxDeliveries { get; init; } = 5;

    /// <summary>First retry delay after a failed turn; doubles per delivery, with jitter.</summary>
    public TimeSpan RetryBaseDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>A study nobody finalized completes after this long without a change.</summary>
    public TimeSpan QuietPeriod { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>How often a silo looks for studies whose quiet period has elapsed.</summary>
    public TimeSpan QuietPeriodSweepInterval { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>How long a stopping silo lets turns in progress finish.</summary>
    public TimeSpan ShutdownGrace { get; init; } = TimeSpan.FromSeconds(10);
}
