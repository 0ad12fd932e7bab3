using Amazon.CDK;
using Amazon.CDK.AWS.CloudWatch;
using Amazon.CDK.AWS.SQS;
using Constructs;
using MedImaging.Aws.Monitoring;

namespace MedImaging.Infrastructure;

/// <summary>
/// CloudWatch alarms for the conditions that need an operator (<see cref="PipelineAlarmThresholds"/>): a dead-lettered
/// instance, an ingest event waiting too long, and too many failed instances. Locally the Silo's health check
/// watches the same conditions.
/// </summary>
public sealed class PipelineAlarms : Construct
{
    public PipelineAlarms(Construct scope, string id, string prefix, IQueue ingestQueue, IQueue deadLetterQueue) : base(scope, id)
    {
        var minute = Duration.Minutes(1);
        DeadLetters = new Alarm(this, "DeadLetters", new AlarmProps
        {
            AlarmName = $"{prefix}-dead-letters",
            AlarmDescription = "Failed instances or unreadable ingest events are in the dead-letter queue: find the cause, then redrive them.",
            Metric = deadLetterQueue.MetricApproximateNumberOfMessagesVisible(new MetricOptions { Period = minute, Statistic = "Maximum" }),
            Threshold = PipelineAlarmThresholds.DeadLetterDepth,
            ComparisonOperator = ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
            EvaluationPeriods = 1,
            TreatMissingData = TreatMissingData.NOT_BREACHING,
        });
        OldestPending = new Alarm(this, "OldestPending", new AlarmProps
        {
            AlarmName = $"{prefix}-oldest-pending",
            AlarmDescription = "An ingest event has waited too long for a silo: silos down, or too few for the load.",
            Metric = ingestQueue.MetricApproximateAgeOfOldestMessage(new MetricOptions { Period = minute, Statistic = "Maximum" }),
            Threshold = PipelineAlarmThresholds.OldestPendingAge.TotalSeconds,
            ComparisonOperator = ComparisonOperator.GREATER_THAN_THRESHOLD,
            EvaluationPeriods = 1,
            TreatMissingData = TreatMissingData.NOT_BREACHING,
        });
        var window = Duration.Seconds(PipelineAlarmThresholds.FailureRateWindow.TotalSeconds);
        Metric Finished(string outcome) => new(new MetricProps
        {
            Namespace = PipelineAlarmThresholds.MetricNamespace,
            MetricName = PipelineAlarmThresholds.InstancesProcessedMetric,
            DimensionsMap = new Dictionary<string, string> { ["medimaging.outcome"] = outcome },
            Statistic = "Sum",
            Period = window,
        });
        FailureRate = new Alarm(this, "FailureRate", new AlarmProps
        {
            AlarmName = $"{prefix}-failure-rate",
            AlarmDescription = "Too many instances failed in the last window.",
            Metric = new MathExpression(new MathExpressionProps
            {
                Expression = $"IF(failed + completed >= {PipelineAlarmThresholds.FailureRateMinimumInstances}, failed / (failed + completed), 0)",
                UsingMetrics = new Dictionary<string, IMetric> { ["failed"] = Finished("failed"), ["completed"] = Finished("completed") },
                Period = window,
                Label = "failure rate",
            }),
            Threshold = PipelineAlarmThresholds.FailureRate,
            ComparisonOperator = ComparisonOperator.GREATER_THAN_THRESHOLD,
            EvaluationPeriods = 1,
            TreatMissingData = TreatMissingData.NOT_BREACHING,
        });
    }

    public Alarm DeadLetters { get; }

    public Alarm OldestPending { get; }

    public Alarm FailureRate { get; }
}
