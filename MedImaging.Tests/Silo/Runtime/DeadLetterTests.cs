using System.Text;
using Amazon.DynamoDBv2.Model;
using MedImaging.Aws.Dynamo;
using MedImaging.Aws.Sqs;
using MedImaging.Aws.Studies;
using MedImaging.Aws.StudyQueue;
using MedImaging.Tests.AppHost.Emulators;
using MedImaging.Tests.ServiceDefaults;
using MedImaging.Tests.ServiceHosting;

namespace MedImaging.Tests.Silo.Runtime;

/// <summary>
/// A real Silo meets a poison message (its study's stored state is corrupt, so every turn fails): after the last of
/// its deliveries it lands in the dead-letter queue with its reason, while another study completes; the retries
/// and the dead-lettering are counted in the exported metrics.
/// </summary>
[Collection(AwsEmulatorCollection.Name)]
public sealed class DeadLetterTests(AwsEmulatorFixture emulators) : ProvisionedAwsTest(emulators)
{
    private const int MaxDeliveries = 3;
    private OtlpReceiver _receiver = null!;
    private ServiceProcess _silo = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _receiver = await OtlpReceiver.StartAsync();
        var environment = Aws.ServiceEnvironment(Resources);
        environment["MedImaging__GrainRuntime__MaxDeliveries"] = MaxDeliveries.ToString();
        environment["MedImaging__GrainRuntime__RetryBaseDelay"] = "00:00:00.100";
        environment["OTEL_EXPORTER_OTLP_ENDPOINT"] = _receiver.BaseAddress.ToString();
        environment["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf";
        environment["OTEL_SERVICE_NAME"] = "silo";
        environment["OTEL_METRIC_EXPORT_INTERVAL"] = "500";
        _silo = await ServiceProcess.StartAsync("MedImaging.Silo", environment);
    }

    public override async Task DisposeAsync()
    {
        await _silo.DisposeAsync();
        await _receiver.DisposeAsync();
        await base.DisposeAsync();
    }

    [Fact]
    public async Task A_message_failing_on_every_delivery_is_dead_lettered_with_its_reason_and_blocks_no_other_study()
    {
        var poisoned = $"2.25.{Random.Shared.NextInt64(1, long.MaxValue)}";
        var healthy = $"2.25.{Random.Shared.NextInt64(1, long.MaxValue)}";
        await CorruptStudyItemAsync(poisoned);
        var queue = new SqsStudyQueue(Aws.Sqs, Resources);
        var poison = new FinalizeStudy(poisoned, null, "poison");
        await queue.SendAsync(poison);
        await queue.SendAsync(await StoreInstanceAsync(healthy, healthy + ".1"));
        await queue.SendAsync(new FinalizeStudy(healthy, 1, "healthy"));

        var dead = await ReceiveDeadLetterAsync(poisoned, TimeSpan.FromSeconds(60));
        await WaitForAsync(async () => (await StudyTable.LoadAsync(healthy))?.Study.Status is StudyStatus.Completed or StudyStatus.Failed);

        Assert.Equal(StudyMessageJson.Serialize(poison), dead.Body);
        Assert.Equal(poisoned, dead.MessageGroupId);
        Assert.Equal("JsonException", dead.MessageAttributes["deadLetterReason"].StringValue);
        Assert.Equal(MaxDeliveries - 1, _silo.Output.Count(l => l.Contains("turn failed (delivery")));
        Assert.Contains(_silo.Output, l => l.Contains($"turn failed on its last delivery ({MaxDeliveries})"));
        // Finished either way (its random bytes may fail the pipeline): what matters is that the poison did not block it.
        Assert.Contains((await StudyTable.LoadAsync(healthy))?.Study.Status, new[] { StudyStatus.Completed, StudyStatus.Failed });
        var studyQueue = await Aws.Sqs.GetQueueAttributesAsync(Resources.StudyQueueUrl);
        Assert.Equal(("0", "0"), (studyQueue[SqsQueueAttributes.ApproximateNumberOfMessages], studyQueue[SqsQueueAttributes.ApproximateNumberOfMessagesNotVisible]));

        await _silo.StopAsync(TimeSpan.FromSeconds(10)); // flushes the metrics
        var metrics = _receiver.Exports.Where(e => e.Path == "/v1/metrics").Select(e => Encoding.UTF8.GetString(e.Body)).ToList();
        Assert.Contains(metrics, m => m.Contains("medimaging.silo.dead_lettered") && m.Contains("JsonException"));
        Assert.Contains(metrics, m => m.Contains("medimaging.silo.turn.retries"));
        Assert.Contains(metrics, m => m.Contains("medimaging.queue.lag"));
        Assert.DoesNotContain(metrics, m => m.Contains(poisoned) || m.Contains(healthy));
    }

    // A study item whose creation time is not a time: reading the study's state fails on every turn.
    private Task CorruptStudyItemAsync(string studyKey) =>
        Aws.DynamoDb.PutItemAsync(new PutItemRequest
        {
            TableName = Resources.StudyTable,
            Item = new()
            {
                [StudyTableSchema.PartitionKey] = new AttributeValue(StudyTableSchema.StudyPartition(studyKey)),
                [StudyTableSchema.SortKey] = new AttributeValue(StudyTableSchema.MetaSortKey),
                [StudyTableSchema.VersionAttribute] = new AttributeValue { N = "1" },
                ["studyKey"] = new AttributeValue(studyKey),
                ["status"] = new AttributeValue(StudyStatus.Received),
                ["createdAt"] = new AttributeValue("not a time"),
            },
        });

    private static async Task WaitForAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!await condition() && DateTime.UtcNow < deadline) await Task.Delay(200);
    }

    // The healthy study's random bytes are no DICOM: the grain may dead-letter that instance too, for its own reason.
    private async Task<SqsMessage> ReceiveDeadLetterAsync(string studyKey, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var messages = await Aws.Sqs.ReceiveMessagesAsync(new ReceiveMessageRequest(Resources.StudyDeadLetterQueueUrl) { MaxNumberOfMessages = 10, WaitTimeSeconds = 1 });
            if (messages.SingleOrDefault(m => m.MessageGroupId == studyKey) is { } dead) return dead;
            Assert.True(DateTime.UtcNow < deadline, $"nothing was dead-lettered; silo output:\n{string.Join('\n', _silo.Output.TakeLast(20))}");
        }
    }
}
