using System.Diagnostics;
using System.Diagnostics.Metrics;
using MedImaging.Aws.Sqs;
using MedImaging.Aws.Studies;
using MedImaging.Aws.StudyQueue;
using MedImaging.Silo.Runtime;
using MedImaging.Silo.Telemetry;
using MedImaging.Silo.Timers;
using MedImaging.Tests.AppHost.Emulators;
using MedImaging.Tests.ServiceHosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace MedImaging.Tests.Silo.Timers;

/// <summary>
/// Delayed study messages through the timer queue on fauxqs, forwarded by two forwarders at once (as two silos
/// would run them): each arrives in the FIFO study queue no earlier than its delay, exactly once, with its group,
/// deduplication id and trace.
/// </summary>
[Collection(AwsEmulatorCollection.Name)]
public sealed class StudyTimerForwarderTests(AwsEmulatorFixture emulators) : ProvisionedAwsTest(emulators), IDisposable
{
    private static readonly TimeSpan Delay = TimeSpan.FromSeconds(2);
    private readonly ServiceProvider _metrics = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly List<StudyTimerForwarder> _forwarders = [];

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var telemetry = new SiloTelemetry(_metrics.GetRequiredService<IMeterFactory>());
        var options = Options.Create(new GrainRuntimeOptions { ReceiveWaitTime = TimeSpan.FromSeconds(1) });
        for (var i = 0; i < 2; i++)
        {
            var forwarder = new StudyTimerForwarder(
                new StudyTimerQueue(Aws.Sqs, Resources, TimeProvider.System), telemetry, options, NullLogger<StudyTimerForwarder>.Instance);
            await forwarder.StartAsync(CancellationToken.None);
            _forwarders.Add(forwarder);
        }
    }

    public override async Task DisposeAsync()
    {
        foreach (var forwarder in _forwarders) await forwarder.StopAsync(CancellationToken.None);
        await base.DisposeAsync();
    }

    public void Dispose()
    {
        foreach (var forwarder in _forwarders) forwarder.Dispose();
        _metrics.Dispose();
    }

    [Fact]
    public async Task Delayed_messages_arrive_no_earlier_than_their_delay_exactly_once_with_their_ids_and_trace()
    {
        using var tracing = TraceEverything();
        using var sender = new Activity("test-sender").Start();
        var queue = new SqsStudyQueue(Aws.Sqs, Resources);
        var messages = Enumerable.Range(1, 8).Select(i => new FinalizeStudy($"2.25.{Random.Shared.NextInt64(1, long.MaxValue)}", i, $"request-{i}")).ToList();
        var due = DateTimeOffset.UtcNow + Delay;
        foreach (var message in messages) await queue.SendAsync(message, Delay);
        await queue.SendAsync(messages[0], Delay); // the same message again: one delivery, as for an undelayed resend

        var received = await ReceiveAllAsync(queue, TimeSpan.FromSeconds(30), settle: TimeSpan.FromSeconds(4), expected: messages.Count);

        Assert.Equal(messages.Select(m => m.DeduplicationId()).Order(), received.Select(r => r.Message!.DeduplicationId()).Order());
        Assert.Equal(messages.Cast<StudyMessage>().OrderBy(m => m.StudyKey), received.Select(r => r.Message!).OrderBy(m => m.StudyKey));
        Assert.All(received, r =>
        {
            Assert.Equal(r.Message!.StudyKey, r.GroupId);
            // SQS timestamps are whole milliseconds.
            Assert.True(r.SentAt >= due - TimeSpan.FromMilliseconds(1), $"forwarded {(due - r.SentAt)!.Value.TotalMilliseconds} ms before it was due");
            Assert.True(ActivityContext.TryParse(r.TraceParent, null, out var context), "no trace context");
            Assert.Equal(sender.TraceId, context.TraceId);
        });
        await AssertEmptyAsync(Resources.StudyTimerQueueUrl);
    }

    [Fact]
    public async Task A_hop_that_ends_before_the_message_is_due_is_delayed_again()
    {
        // A scheduler whose clock runs ahead gives the message no SQS delay (as when a long delay's 15-minute hop
        // ends): the forwarders must put it back until it is due.
        var hurried = new StudyTimerQueue(Aws.Sqs, Resources, new ShiftedClock(Delay));
        var message = new FinalizeStudy($"2.25.{Random.Shared.NextInt64(1, long.MaxValue)}", 1, "hurried");
        var due = DateTimeOffset.UtcNow + Delay;
        using var timers = new TimerOutcomeRecorder(_metrics.GetRequiredService<IMeterFactory>());
        await hurried.ScheduleAsync(
            new StudyTimer(StudyMessageJson.Serialize(message), message.StudyKey, message.DeduplicationId(), null, due), CancellationToken.None);

        var received = Assert.Single(await ReceiveAllAsync(new SqsStudyQueue(Aws.Sqs, Resources), TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(1), 1));

        Assert.Equal(message, received.Message);
        Assert.True(received.SentAt >= due - TimeSpan.FromMilliseconds(1), "forwarded before it was due");
        Assert.Contains(nameof(TimerOutcome.Redelayed), timers.Outcomes);
        Assert.Contains(nameof(TimerOutcome.Forwarded), timers.Outcomes);
    }

    [Fact]
    public async Task A_timer_message_without_its_attributes_is_dead_lettered_with_its_reason()
    {
        await Aws.Sqs.SendMessageAsync(new SendMessageRequest(Resources.StudyTimerQueueUrl, "{\"not\":\"a timer\"}"));

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        IReadOnlyList<SqsMessage> dead = [];
        while (dead.Count == 0 && DateTime.UtcNow < deadline)
            dead = await Aws.Sqs.ReceiveMessagesAsync(new ReceiveMessageRequest(Resources.StudyDeadLetterQueueUrl) { WaitTimeSeconds = 1 });

        var message = Assert.Single(dead);
        Assert.Equal("{\"not\":\"a timer\"}", message.Body);
        Assert.Equal("malformed timer message", message.MessageAttributes["deadLetterReason"].StringValue);
        await AssertEmptyAsync(Resources.StudyTimerQueueUrl);
    }

    /// <summary>Receives (and deletes) until <paramref name="expected"/> messages came, then for <paramref name="settle"/> more to catch duplicates.</summary>
    private static async Task<List<ReceivedStudyMessage>> ReceiveAllAsync(SqsStudyQueue queue, TimeSpan timeout, TimeSpan settle, int expected)
    {
        var received = new List<ReceivedStudyMessage>();
        var deadline = DateTime.UtcNow + timeout;
        DateTime? settled = null;
        while (DateTime.UtcNow < (settled ?? deadline))
        {
            foreach (var message in await queue.ReceiveAsync(10, TimeSpan.FromSeconds(1), CancellationToken.None))
            {
                received.Add(message);
                await queue.DeleteAsync(message, CancellationToken.None);
            }
            if (received.Count >= expected) settled ??= DateTime.UtcNow + settle;
        }
        return received;
    }

    private async Task AssertEmptyAsync(string queueUrl)
    {
        var attributes = await Aws.Sqs.GetQueueAttributesAsync(queueUrl);
        Assert.Equal("0", attributes[SqsQueueAttributes.ApproximateNumberOfMessages]);
        Assert.Equal("0", attributes[SqsQueueAttributes.ApproximateNumberOfMessagesNotVisible]);
    }

    private static ActivityListener TraceEverything()
    {
        var listener = new ActivityListener
        {
            ShouldListenTo = _ => true,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
        };
        ActivitySource.AddActivityListener(listener);
        return listener;
    }

    private sealed class ShiftedClock(TimeSpan shift) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + shift;
    }

    /// <summary>The outcome tags of the timer counter of this test class's meters.</summary>
    private sealed class TimerOutcomeRecorder : IDisposable
    {
        private readonly MeterListener _listener = new();
        private readonly List<string> _outcomes = [];

        public TimerOutcomeRecorder(IMeterFactory scope)
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Scope == scope && instrument.Name == "medimaging.silo.timers") listener.EnableMeasurementEvents(instrument);
            };
            _listener.SetMeasurementEventCallback<long>((_, _, tags, _) =>
            {
                foreach (var tag in tags)
                    if (tag.Key == "medimaging.outcome") lock (_outcomes) _outcomes.Add((string)tag.Value!);
            });
            _listener.Start();
        }

        public IReadOnlyList<string> Outcomes
        {
            get { lock (_outcomes) return [.. _outcomes]; }
        }

        public void Dispose() => _listener.Dispose();
    }
}
