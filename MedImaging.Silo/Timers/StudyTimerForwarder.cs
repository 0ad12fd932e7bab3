using System.Diagnostics;
using MedImaging.Aws.StudyQueue;
using MedImaging.Silo.Runtime;
using MedImaging.Silo.Telemetry;
using Microsoft.Extensions.Options;

namespace MedImaging.Silo.Timers;

/// <summary>
/// Long-polls the timer queue and forwards each due delayed study message into the FIFO study queue (or re-delays
/// one whose delay exceeds SQS's 15 minutes). Every silo runs one: a timer message is invisible to the others while
/// one forwards it, and a forward repeated after a crash is absorbed by the FIFO queue's deduplication.
/// </summary>
public sealed class StudyTimerForwarder(
    StudyTimerQueue timers,
    SiloTelemetry telemetry,
    IOptions<GrainRuntimeOptions> options,
    ILogger<StudyTimerForwarder> logger) : BackgroundService
{
    private const int MaxMessagesPerReceive = 10;

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        if (!timers.IsConfigured)
            throw new InvalidOperationException("AWS:Resources:StudyTimerQueueUrl is not set: the silo cannot deliver delayed study messages.");
        return base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        TimerLog.ForwarderStarted(logger);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                IReadOnlyList<ReceivedStudyTimer> batch;
                try
                {
                    batch = await timers.ReceiveAsync(MaxMessagesPerReceive, options.Value.ReceiveWaitTime, stoppingToken);
                }
                catch (Exception error) when (error is not OperationCanceledException)
                {
                    TimerLog.TimerReceiveFailed(logger, error);
                    await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken);
                    continue;
                }
                foreach (var received in batch)
                    await ForwardAsync(received, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task ForwardAsync(ReceivedStudyTimer received, CancellationToken stoppingToken)
    {
        ActivityContext.TryParse(received.Timer?.TraceParent, null, out var parent);
        using var activity = SiloTelemetry.ActivitySource.StartActivity("study timer forward", ActivityKind.Consumer, parent);
        activity?.SetTag("messaging.message.id", received.MessageId);
        try
        {
            var outcome = await timers.ForwardAsync(received, activity?.Id, stoppingToken);
            activity?.SetTag("medimaging.outcome", outcome.ToString());
            telemetry.TimerHandled(outcome.ToString());
            TimerLog.TimerHandled(logger, received.MessageId, outcome);
            if (outcome == TimerOutcome.DeadLettered) telemetry.DeadLettered("malformed timer message");
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            // The message stays on the timer queue and comes back after its visibility timeout.
            activity?.SetStatus(ActivityStatusCode.Error, error.GetType().Name);
            TimerLog.ForwardFailed(logger, received.MessageId, error);
        }
    }
}
