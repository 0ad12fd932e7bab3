namespace MedImaging.Pipeline.Steps;

public enum StepOutcome
{
    /// <summary>The step did its work and the instance moves on.</summary>
    Succeeded,
    /// <summary>The step's output already existed (a redelivery); nothing was repeated.</summary>
    AlreadyDone,
    /// <summary>A transient failure; the grain schedules another attempt after the retry delay.</summary>
    RetryScheduled,
    /// <summary>A permanent failure, or the last attempt failed: the instance is failed.</summary>
    Failed,
}
