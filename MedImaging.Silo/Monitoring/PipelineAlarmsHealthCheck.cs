using MedImaging.Aws.Configuration;
using MedImaging.Aws.Monitoring;
using MedImaging.Aws.Sqs;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace MedImaging.Silo.Monitoring;

/// <summary>
/// The stack's alarms, watched locally: dead-lettered messages, a study message waiting too long, too many failed
/// instances. Any of them makes the Silo degraded (still serving, shown in the dashboard) with the reason.
/// </summary>
public sealed class PipelineAlarmsHealthCheck(SqsClient sqs, ResourceNames resources, PipelineAlarmMonitor monitor) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var alarms = new List<string>();
        var attributes = string.IsNullOrEmpty(resources.StudyDeadLetterQueueUrl)
            ? new Dictionary<string, string>()
            : await sqs.GetQueueAttributesAsync(resources.StudyDeadLetterQueueUrl, [SqsQueueAttributes.ApproximateNumberOfMessages], cancellationToken);
        if (int.TryParse(attributes.GetValueOrDefault(SqsQueueAttributes.ApproximateNumberOfMessages), out var deadLetters)
            && deadLetters >= PipelineAlarmThresholds.DeadLetterDepth)
        {
            alarms.Add($"{deadLetters} dead-lettered study message(s): redrive them once their cause is fixed");
        }
        if (monitor.RecentLongestLag > PipelineAlarmThresholds.OldestPendingAge)
        {
            alarms.Add($"a study message waited {monitor.RecentLongestLag.TotalMinutes:0} min for a silo (alarm above {PipelineAlarmThresholds.OldestPendingAge.TotalMinutes:0} min)");
        }
        var (finished, failed) = monitor.RecentOutcomes;
        if (finished >= PipelineAlarmThresholds.FailureRateMinimumInstances && (double)failed / finished > PipelineAlarmThresholds.FailureRate)
        {
            alarms.Add($"{failed} of {finished} instances failed in the last {PipelineAlarmThresholds.FailureRateWindow.TotalMinutes:0} min (alarm above {PipelineAlarmThresholds.FailureRate:P0})");
        }
        return alarms.Count == 0 ? HealthCheckResult.Healthy() : HealthCheckResult.Degraded(string.Join("; ", alarms));
    }
}
