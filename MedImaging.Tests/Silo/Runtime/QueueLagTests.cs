using MedImaging.Aws.Studies;
using MedImaging.Aws.StudyQueue;
using MedImaging.Tests.AppHost.Emulators;
using MedImaging.Tests.ServiceDefaults;
using MedImaging.Tests.ServiceHosting;

namespace MedImaging.Tests.Silo.Runtime;

/// <summary>
/// Queue lag as the Silo exports it: a message that waited in the study queue before any Silo ran is measured from
/// SQS's SentTimestamp to the start of its turn.
/// </summary>
[Collection(AwsEmulatorCollection.Name)]
public sealed class QueueLagTests(AwsEmulatorFixture emulators) : ProvisionedAwsTest(emulators)
{
    private static readonly TimeSpan Waiting = TimeSpan.FromSeconds(3);

    [Fact]
    public async Task A_message_that_waited_in_the_queue_is_measured_from_when_sqs_accepted_it()
    {
        await using var receiver = await OtlpReceiver.StartAsync();
        var study = $"2.25.{Random.Shared.NextInt64(1, long.MaxValue)}";
        await new SqsStudyQueue(Aws.Sqs, Resources).SendAsync(await StoreInstanceAsync(study, study + ".1"));
        var sent = DateTimeOffset.UtcNow;
        await Task.Delay(Waiting);

        var environment = Aws.ServiceEnvironment(Resources);
        environment["OTEL_EXPORTER_OTLP_ENDPOINT"] = receiver.BaseAddress.ToString();
        environment["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf";
        environment["OTEL_SERVICE_NAME"] = "silo";
        await using (var silo = await ServiceProcess.StartAsync("MedImaging.Silo", environment))
        {
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
            while (await StudyTable.LoadAsync(study) is null)
            {
                Assert.True(DateTime.UtcNow < deadline, "the instance's turn never saved");
                await Task.Delay(100);
            }
            var turnSaved = DateTimeOffset.UtcNow;
            await silo.StopAsync(TimeSpan.FromSeconds(10)); // flushes the metrics

            var lag = receiver.Histograms().Last(p => p.Service == "silo" && p.Metric == "medimaging.queue.lag");
            Assert.True(lag.Count >= 1);
            Assert.InRange(lag.Max ?? -1, Waiting.TotalSeconds, (turnSaved - sent).TotalSeconds + 1);
            var turns = receiver.Histograms().Last(p => p.Service == "silo" && p.Metric == "medimaging.silo.turn.duration");
            Assert.Equal(lag.Count, turns.Count);
        }
    }
}
