namespace MedImaging.Aws.StudyQueue;

/// <summary>What forwarding one timer message did.</summary>
public enum TimerOutcome
{
    /// <summary>Due: sent to the FIFO study queue and removed from the timer queue.</summary>
    Forwarded,

    /// <summary>Not due yet (delays beyond 15 minutes): put back on the timer queue with the remaining delay.</summary>
    Redelayed,

    /// <summary>Without readable timer attributes: moved to the study dead-letter queue.</summary>
    DeadLettered,
}
