using System.Security.Cryptography;
using System.Text;
using MedImaging.Pipeline.Steps;

namespace MedImaging.Pipeline.Retries;

/// <summary>
/// Exponential backoff with "equal jitter": attempt n waits between half and all of
/// min(MaxDelay, BaseDelay * 2^(n-1)), never more than SQS's 900 s. Pure: the random part is an input.
/// </summary>
public sealed class RetryPolicy(RetryOptions options)
{
    public RetryOptions Options { get; } = Validate(options);

    /// <summary>The delay before the attempt that follows failed attempt <paramref name="attempt"/> (1-based).</summary>
    /// <param name="jitterSample">A value in [0, 1) choosing where in the jitter window the delay falls.</param>
    public TimeSpan DelayAfter(int attempt, double jitterSample)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(attempt, 1);
        if (jitterSample is < 0 or >= 1 || double.IsNaN(jitterSample))
            throw new ArgumentOutOfRangeException(nameof(jitterSample), jitterSample, "must be in [0, 1)");

        var cap = Math.Min(Options.MaxDelay.TotalSeconds, RetryOptions.SqsMaximumDelay.TotalSeconds);
        // 2^(attempt-1) overflows nothing here: the exponent is clamped before it can exceed the cap.
        var exponential = Options.BaseDelay.TotalSeconds * Math.Pow(2, Math.Min(attempt - 1, 62));
        var ceiling = Math.Min(cap, exponential);
        return TimeSpan.FromSeconds(ceiling / 2 + jitterSample * ceiling / 2);
    }

    /// <summary>Retry a transient failure while attempts remain; never retry a permanent one.</summary>
    public RetryDecision Decide(StepFailure failure, int attempt, double jitterSample) =>
        failure.IsTransient && attempt < Options.MaxAttempts
            ? new RetryDecision(true, DelayAfter(attempt, jitterSample))
            : RetryDecision.GiveUp;

    /// <summary>
    /// A jitter sample derived from the work item and attempt, so a redelivered message computes
    /// the same delay as the first delivery did.
    /// </summary>
    public static double DeterministicJitter(string workKey, int attempt)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes($"{workKey}#{attempt}"), hash);
        var value = BitConverter.ToUInt64(hash) >> 11; // 53 significant bits
        return value / (double)(1UL << 53);
    }

    private static RetryOptions Validate(RetryOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxAttempts, 1);
        if (options.BaseDelay <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(options), "BaseDelay must be positive");
        if (options.MaxDelay < options.BaseDelay) throw new ArgumentOutOfRangeException(nameof(options), "MaxDelay must be at least BaseDelay");
        return options;
    }
}
