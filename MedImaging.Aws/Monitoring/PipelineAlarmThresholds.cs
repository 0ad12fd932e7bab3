namespace MedImaging.Aws.Monitoring;

/// <summary>
/// When the pipeline needs an operator: the same conditions are CloudWatch alarms in the CDK stack and, locally, turn
/// the Silo's health to degraded in the dashboard.
/// </summary>
public static class PipelineAlarmThresholds
{
    /// <summary>Any dead-lettered study message needs a look (and a redrive once its cause is fixed).</summary>
    public const int DeadLetterDepth = 1;

    /// <summary>A study message older than this has waited too long for a silo.</summary>
    public static readonly TimeSpan OldestPendingAge = TimeSpan.FromMinutes(15);

    /// <summary>The share of finished instances that failed or were quarantined, over <see cref="FailureRateWindow"/>.</summary>
    public const double FailureRate = 0.10;

    /// <summary>Fewer finished instances than this in the window say nothing about a rate.</summary>
    public const int FailureRateMinimumInstances = 10;

    public static readonly TimeSpan FailureRateWindow = TimeSpan.FromMinutes(5);

    /// <summary>The CloudWatch namespace the services' OTLP metrics land in on AWS (through an OTLP collector).</summary>
    public const string MetricNamespace = "MedImaging";

    public const string InstancesProcessedMetric = "medimaging.pipeline.instances.processed";

    public const string QueueLagMetric = "medimaging.queue.lag";
}
