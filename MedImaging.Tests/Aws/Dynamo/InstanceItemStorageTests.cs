using System.Text.Json;
using Amazon.DynamoDBv2.Model;
using MedImaging.Aws.Configuration;
using MedImaging.Aws.Dynamo;
using MedImaging.Studies;
using MedImaging.Tests.AppHost.Emulators;
using MedImaging.Tests.ServiceHosting;
using static MedImaging.Aws.Dynamo.StudyTableSchema;

namespace MedImaging.Tests.Aws.Dynamo;

/// <summary>Instance items in DynamoDB Local: old ones load, new ones are packed and small on the wire, damaged ones fail typed.</summary>
[Collection(AwsEmulatorCollection.Name)]
public sealed class InstanceItemStorageTests(AwsEmulatorFixture emulators) : ProvisionedAwsTest(emulators)
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 17, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task An_old_item_loads_and_saves_back_packed_in_at_most_2_KB_on_the_wire()
    {
        var study = StudyRecord.New(CapturedInstanceItem.StudyKey, Now);
        await StudyTable.SaveAsync(study, [], 0);
        await Aws.DynamoDb.PutItemAsync(new PutItemRequest { TableName = Resources.StudyTable, Item = CapturedInstanceItem.Attributes() });
        var expected = StudyItemSerializer.ToInstance(CapturedInstanceItem.Attributes());

        var loaded = await StudyTable.LoadAsync(study.StudyKey);
        Assert.Equal(Json(expected), Json(Assert.Single(loaded!.Instances)));

        var bodies = new RequestBodySizes();
        using var client = AwsSdkClients.CreateDynamoDb(Aws.Options, bodies);
        await client.PutItemAsync(new PutItemRequest
        {
            TableName = Resources.StudyTable,
            Item = StudyItemSerializer.ToItem(study.StudyKey, loaded.Instances[0]),
        });
        var stored = await Aws.DynamoDb.GetItemAsync(Resources.StudyTable, new Dictionary<string, AttributeValue>
        {
            [PartitionKey] = new("STUDY#" + CapturedInstanceItem.StudyKey),
            [SortKey] = new("INST#" + CapturedInstanceItem.InstanceId),
        });
        var reloaded = await StudyTable.LoadAsync(study.StudyKey);

        // The PutItem body is 1,949 bytes in this format; the old item alone was 5,727.
        Assert.InRange(Assert.Single(bodies.Sizes), 1_000, 2_048);
        Assert.Equal(["PK", "SK", "instanceId", "record", "status", "updatedAt"], stored.Item.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(Json(expected), Json(Assert.Single(reloaded!.Instances)));
    }

    [Fact]
    public async Task Finished_and_unfinished_instances_round_trip_through_the_table()
    {
        var study = StudyRecord.New(CapturedInstanceItem.StudyKey, Now);
        var finished = StudyItemSerializer.ToInstance(CapturedInstanceItem.Attributes());
        var unfinished = MedImaging.Silo.Instances.InstanceRecords.Start(
            new InstanceReceived(study.StudyKey, "2.25.5", "ingest", $"incoming/{study.StudyKey}/2.25.5", "application/dicom", 99, new string('c', 64), Now), Now)
            with { Steps = [new StepRecord("render", 2, Now, null, StepOutcome.Retrying, "throttled")], Error = "throttled" };

        await StudyTable.SaveAsync(study, [finished, unfinished], 0);
        var loaded = await StudyTable.LoadAsync(study.StudyKey);

        Assert.Equal(new[] { finished, unfinished }.Select(Json).Order(), loaded!.Instances.Select(Json).Order());
    }

    [Fact]
    public async Task A_damaged_packed_record_in_the_table_fails_the_load_with_a_typed_error()
    {
        var study = StudyRecord.New(CapturedInstanceItem.StudyKey, Now);
        await StudyTable.SaveAsync(study, [], 0);
        var item = StudyItemSerializer.ToItem(study.StudyKey, StudyItemSerializer.ToInstance(CapturedInstanceItem.Attributes()));
        var packed = item[StudyItemSerializer.PackedRecordAttribute].B.ToArray();
        packed[^3] ^= 0x01;
        item[StudyItemSerializer.PackedRecordAttribute] = new AttributeValue { B = new MemoryStream(packed) };
        await Aws.DynamoDb.PutItemAsync(new PutItemRequest { TableName = Resources.StudyTable, Item = item });

        await Assert.ThrowsAsync<StudyItemFormatException>(() => StudyTable.LoadAsync(study.StudyKey));
    }

    private static string Json(InstanceRecord instance) => JsonSerializer.Serialize(instance);

    /// <summary>Sits below the signer of a real client and notes each request body's size in bytes.</summary>
    private sealed class RequestBodySizes() : DelegatingHandler(new SocketsHttpHandler { AllowAutoRedirect = false })
    {
        public List<long> Sizes { get; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Sizes.Add((await request.Content!.ReadAsByteArrayAsync(cancellationToken)).Length);
            return await base.SendAsync(request, cancellationToken);
        }
    }
}
