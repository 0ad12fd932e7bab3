namespace MedImaging.Pipeline.Retries;

/// <summary>Bound from configuration section <c>MedImaging:Pipeline:Retry</c>.</summary>
public sealed record RetryOptions
{
    /// <summary>SQS DelaySeconds cannot exceed 15 minutes, so no retry delay can either.</summary>
    public static readonly TimeSpan SqsMaximumDelay = TimeSpan.FromSeconds(900);

    /// <summary>Attempts per step including the first one.</summary>
    public int MaxAttempts { get; init; } = 5;

    public TimeSpan BaseDelay { get; init; } = TimeSpan.FromSeconds(2);

    public TimeSpan MaxDelay { get; init; } = SqsMaximumDelay;
}
