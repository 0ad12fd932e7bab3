namespace MedImaging.Pipeline.Retries;

/// <summary>What to do after a failed attempt: retry after <see cref="Delay"/>, or give up.</summary>
public sealed record RetryDecision(bool ShouldRetry, TimeSpan Delay)
{
    public static RetryDecision GiveUp { get; } = new(false, TimeSpan.Zero);

    /// <summary>The delay as SQS DelaySeconds: whole seconds, rounded up, at most 900.</summary>
    public int DelaySeconds => (int)Math.Min(
        RetryOptions.SqsMaximumDelay.TotalSeconds, Math.Ceiling(Delay.TotalSeconds));
}
