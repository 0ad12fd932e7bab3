using MedImaging.Aws.Configuration;
using MedImaging.Aws.Monitoring;
using Amazon.SQS;
using Amazon.SQS.Model;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace MedImaging.Silo.Monitoring;

/// <summary>
/// The stack's alarms, watched locally: dead-lettered messages, an instance waiting too long, too many failed
/// instances. Any of them makes the Silo degraded (still serving, shown in the dashboard) with the reason.
/// </summary>
public sealed class PipelineAlarmsHealthCheck(IAmazonSQS sqs, ResourceNames resources, PipelineAlarmMonitor monitor) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var alarms = new List<string>();
        var deadLetters = string.IsNullOrEmpty(resources.StudyDeadLetterQueueUrl)
            ? 0
            : (await sqs.GetQueueAttributesAsync(new GetQueueAttributesRequest
            {
                QueueUrl = resources.StudyDeadLetterQueueUrl,
                AttributeNames = [QueueAttributeName.ApproximateNumberOfMessages],
            }, cancellationToken)).ApproximateNumberOfMessages;
        if (deadLetters >= PipelineAlarmThresholds.DeadLetterDepth)
        {
            alarms.Add($"{deadLetters} dead-lettered message(s): redrive them once their cause is fixed");
        }
        if (monitor.RecentLongestLag > PipelineAlarmThresholds.OldestPendingAge)
        {
            alarms.Add($"an instance waited {monitor.RecentLongestLag.TotalMinutes:0} min for its run (alarm above {PipelineAlarmThresholds.OldestPendingAge.TotalMinutes:0} min)");
        }
        var (finished, failed) = monitor.RecentOutcomes;
        if (finished >= PipelineAlarmThresholds.FailureRateMinimumInstances && (double)failed / finished > PipelineAlarmThresholds.FailureRate)
        {
            alarms.Add($"{failed} of {finished} instances failed in the last {PipelineAlarmThresholds.FailureRateWindow.TotalMinutes:0} min (alarm above {PipelineAlarmThresholds.FailureRate:P0})");
        }
        return alarms.Count == 0 ? HealthCheckResult.Healthy() : HealthCheckResult.Degraded(string.Join("; ", alarms));
    }
}
