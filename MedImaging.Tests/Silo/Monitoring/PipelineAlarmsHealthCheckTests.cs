using System.Diagnostics.Metrics;
using Amazon.SQS;
using Amazon.SQS.Model;
using MedImaging.Silo.Monitoring;
using MedImaging.Tests.AppHost.Emulators;
using MedImaging.Tests.Aws.Dynamo;
using MedImaging.Tests.ServiceHosting;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace MedImaging.Tests.Silo.Monitoring;

/// <summary>
/// The stack's alarms watched locally against a real dead-letter queue and this process's own pipeline meters (the
/// measurements come from instruments named as the pipeline's; the clock is manual, so windows pass when the test says).
/// </summary>
[Collection(AwsEmulatorCollection.Name)]
public sealed class PipelineAlarmsHealthCheckTests(AwsEmulatorFixture emulators) : ProvisionedAwsTest(emulators)
{
    private static readonly Meter Pipeline = new("MedImaging.Pipeline");
    private static readonly Counter<long> Finished = Pipeline.CreateCounter<long>("medimaging.pipeline.instances.processed");
    private static readonly Meter Silo = new("MedImaging.Silo");
    private static readonly Histogram<double> QueueLag = Silo.CreateHistogram<double>("medimaging.queue.lag");

    private readonly ManualClock clock = new();

    [Fact]
    public async Task A_dead_lettered_message_makes_the_silo_degraded_until_it_is_gone()
    {
        using var monitor = new PipelineAlarmMonitor(clock);
        var check = new PipelineAlarmsHealthCheck(Aws.Sqs, Resources, monitor);
        Assert.DoesNotContain("dead-lettered", (await CheckAsync(check)).Description ?? "");

        await Aws.Sqs.SendMessageAsync(new SendMessageRequest(Resources.StudyDeadLetterQueueUrl, "{}")
        {
            MessageGroupId = "study", MessageDeduplicationId = Guid.NewGuid().ToString("N"),
        });
        var degraded = await CheckAsync(check);

        Assert.Equal(HealthStatus.Degraded, degraded.Status);
        Assert.Contains("1 dead-lettered message(s)", degraded.Description);
        await Aws.Sqs.PurgeQueueAsync(Resources.StudyDeadLetterQueueUrl);
        Assert.DoesNotContain("dead-lettered", (await CheckAsync(check)).Description ?? "");
    }

    [Fact]
    public async Task Too_many_failed_instances_make_it_degraded_for_the_failure_rate_window()
    {
        using var monitor = new PipelineAlarmMonitor(clock);
        var check = new PipelineAlarmsHealthCheck(Aws.Sqs, Resources, monitor);
        Finished.Add(50, new KeyValuePair<string, object?>("medimaging.outcome", "failed"));
        Finished.Add(5, new KeyValuePair<string, object?>("medimaging.outcome", "completed"));

        var degraded = await CheckAsync(check);
        Assert.Equal(HealthStatus.Degraded, degraded.Status);
        Assert.Matches(@"\d+ of \d+ instances failed in the last 5 min", degraded.Description);

        clock.Advance(TimeSpan.FromMinutes(6));
        Assert.DoesNotContain("instances failed", (await CheckAsync(check)).Description ?? "");
    }

    [Fact]
    public async Task A_message_that_waited_too_long_makes_it_degraded_for_a_minute()
    {
        using var monitor = new PipelineAlarmMonitor(clock);
        var check = new PipelineAlarmsHealthCheck(Aws.Sqs, Resources, monitor);
        QueueLag.Record(TimeSpan.FromMinutes(16).TotalSeconds);

        var degraded = await CheckAsync(check);
        Assert.Equal(HealthStatus.Degraded, degraded.Status);
        Assert.Contains("an instance waited 16 min for its run", degraded.Description);

        clock.Advance(TimeSpan.FromMinutes(2));
        Assert.DoesNotContain("waited", (await CheckAsync(check)).Description ?? "");
    }

    private static Task<HealthCheckResult> CheckAsync(PipelineAlarmsHealthCheck check) => check.CheckHealthAsync(new HealthCheckContext
    {
        Registration = new HealthCheckRegistration("pipeline-alarms", check, null, null),
    });
}
