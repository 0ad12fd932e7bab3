namespace MedImaging.Cli.Commands.BenchIngest;

/// <summary>When a waiting worker first asks for its study's state, and how often after that.</summary>
public sealed record PollSchedule(TimeSpan FirstPollAfter, TimeSpan Interval)
{
    public static PollSchedule Immediate(TimeSpan interval) => new(TimeSpan.Zero, interval);
}

/// <summary>
/// Learns how long studies take from upload to completed and schedules the polls of the next one around that: the
/// first poll a little before the typical completion, then polls a small fraction of it apart (never below the
/// configured interval). A study that completes early is seen late by at most that first wait, which the polled figure
/// shows; the grain's own completedAt, the figure the benchmark trusts, does not depend on polling at all.
/// </summary>
public sealed class AdaptivePolling(TimeSpan minimumInterval)
{
    private const double FirstPollFraction = 0.8;
    private const double IntervalFraction = 0.05;
    private const double Smoothing = 0.1;
    private readonly Lock _lock = new();
    private double? _typicalMs;

    public PollSchedule Next()
    {
        lock (_lock)
        {
            if (_typicalMs is not { } typical) return PollSchedule.Immediate(minimumInterval);
            var interval = Math.Max(minimumInterval.TotalMilliseconds, typical * IntervalFraction);
            return new PollSchedule(TimeSpan.FromMilliseconds(typical * FirstPollFraction), TimeSpan.FromMilliseconds(interval));
        }
    }

    /// <summary>Records one study's upload-to-completed time (grain clock).</summary>
    public void Completed(double milliseconds)
    {
        if (!double.IsFinite(milliseconds) || milliseconds <= 0) return;
        lock (_lock)
            _typicalMs = _typicalMs is { } typical ? typical + Smoothing * (milliseconds - typical) : milliseconds;
    }
}
