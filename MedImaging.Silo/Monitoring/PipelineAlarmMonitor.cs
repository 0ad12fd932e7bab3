using System.Diagnostics.Metrics;
using MedImaging.Aws.Monitoring;

namespace MedImaging.Silo.Monitoring;

/// <summary>
/// Listens to this process's own pipeline meters (queue lag, finished instances) and keeps what the local alarms need:
/// the longest lag seen lately and the instances that finished within the failure-rate window.
/// </summary>
public sealed class PipelineAlarmMonitor : IHostedService, IDisposable
{
    private const string PipelineMeter = "MedImaging.Pipeline";
    private const string SiloMeter = "MedImaging.Silo";
    private static readonly TimeSpan LagMemory = TimeSpan.FromMinutes(1);

    private readonly TimeProvider clock;
    private readonly MeterListener listener = new();
    private readonly Queue<(DateTimeOffset At, long Count, bool Failed)> finished = new();
    private readonly Queue<(DateTimeOffset At, double Seconds)> lags = new();
    private readonly Lock gate = new();

    public PipelineAlarmMonitor(TimeProvider clock)
    {
        this.clock = clock;
        listener.InstrumentPublished = (instrument, l) =>
        {
            if ((instrument.Meter.Name, instrument.Name) is (PipelineMeter, PipelineAlarmThresholds.InstancesProcessedMetric)
                or (SiloMeter, PipelineAlarmThresholds.QueueLagMetric))
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, count, tags, _) => OnFinished(count, tags));
        listener.SetMeasurementEventCallback<double>((_, seconds, _, _) => OnLag(seconds));
        listener.Start();
    }

    /// <summary>The longest queue lag recorded in the last minute (zero when none was).</summary>
    public TimeSpan RecentLongestLag
    {
        get
        {
            lock (gate)
            {
                Trim();
                return TimeSpan.FromSeconds(lags.Count == 0 ? 0 : lags.Max(l => l.Seconds));
            }
        }
    }

    /// <summary>Instances finished within the window, and how many of them failed.</summary>
    public (long Finished, long Failed) RecentOutcomes
    {
        get
        {
            lock (gate)
            {
                Trim();
                return (finished.Sum(f => f.Count), finished.Where(f => f.Failed).Sum(f => f.Count));
            }
        }
    }

    // A hosted service only so that it listens from the start: measurements before its creation would be lost.
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose() => listener.Dispose();

    private void OnFinished(long count, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var failed = false;
        foreach (var tag in tags)
        {
            failed |= tag is { Key: "medimaging.outcome", Value: "failed" };
        }
        lock (gate)
        {
            finished.Enqueue((clock.GetUtcNow(), count, failed));
            Trim();
        }
    }

    private void OnLag(double seconds)
    {
        lock (gate)
        {
            lags.Enqueue((clock.GetUtcNow(), seconds));
            Trim();
        }
    }

    private void Trim()
    {
        var now = clock.GetUtcNow();
        while (finished.TryPeek(out var oldest) && now - oldest.At > PipelineAlarmThresholds.FailureRateWindow) finished.Dequeue();
        while (lags.TryPeek(out var oldest) && now - oldest.At > LagMemory) lags.Dequeue();
    }
}
