using System.Text;
using Amazon.DynamoDBv2.Model;
using Amazon.SQS.Model;
using MedImaging.Aws.Dynamo;
using MedImaging.Silo.DeadLetters;
using MedImaging.Studies;
using MedImaging.Testing;
using MedImaging.Tests.AppHost.Emulators;
using MedImaging.Tests.ServiceDefaults;
using MedImaging.Tests.ServiceHosting;
using MedImaging.Tests.TestHosting;

namespace MedImaging.Tests.Silo.Ingest;

/// <summary>
/// Objects put straight into the ingest bucket, through the ingest-events queue, on a real Silo: a DICOM file goes to
/// its study and completes; an event that fails on every receive (its study's stored state is corrupt, so the grain
/// never activates) is dead-lettered with its reason after its last receive and blocks nothing; a file that is none of
/// DICOM, JPEG or PNG is dead-lettered at once. The dead-lettering is counted in the exported metrics.
/// </summary>
[Collection(AwsEmulatorCollection.Name)]
public sealed class IngestDeadLetterTests(AwsEmulatorFixture emulators) : IAsyncLifetime
{
    private const int MaxReceives = 3;
    private readonly SiloTestBed _bed = new(emulators);
    private OtlpReceiver _receiver = null!;

    public async Task InitializeAsync()
    {
        _receiver = await OtlpReceiver.StartAsync();
        await _bed.ProvisionAsync(new Dictionary<string, string>
        {
            ["MedImaging__Ingest__MaxReceives"] = MaxReceives.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = _receiver.BaseAddress.ToString(),
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            ["OTEL_SERVICE_NAME"] = "silo",
            ["OTEL_METRIC_EXPORT_INTERVAL"] = "500",
        });
        await _bed.StartSiloAsync();
    }

    public async Task DisposeAsync()
    {
        await _bed.DisposeAsync();
        await _receiver.DisposeAsync();
    }

    [Fact]
    public async Task A_dropped_file_is_ingested_and_an_event_failing_on_every_receive_is_dead_lettered_with_its_reason()
    {
        var poisoned = $"2.25.{Random.Shared.NextInt64(1, long.MaxValue)}";
        var healthy = $"2.25.{Random.Shared.NextInt64(1, long.MaxValue)}";
        await CorruptStudyItemAsync(poisoned);
        await _bed.DropAsync("drop/poison.dcm", StudyVariant("study_knee_s1_01.dcm", poisoned));
        await _bed.DropAsync("drop/healthy one.dcm", StudyVariant("study_knee_s1_02.dcm", healthy));
        await _bed.DropAsync("drop/notes.txt", "not an image"u8.ToArray());

        var snapshot = await _bed.WaitForStudyAsync(healthy, StudyStatus.Received, TimeSpan.FromSeconds(60));
        Assert.Equal("drop/healthy one.dcm", Assert.Single(snapshot.Instances).ObjectKey);
        var dead = await _bed.DrainAsync(_bed.Resources.StudyDeadLetterQueueUrl, 2, TimeSpan.FromSeconds(60));

        var reasons = dead.ToDictionary(m => KeyOf(m.Body), m => m.MessageAttributes[DeadLetterMessages.ReasonAttribute].StringValue);
        Assert.Equal("unsupported-object", reasons["drop/notes.txt"]);
        Assert.False(string.IsNullOrEmpty(reasons["drop/poison.dcm"]));
        Assert.NotEqual("unsupported-object", reasons["drop/poison.dcm"]);
        Assert.Equal(MaxReceives, _bed.Silos[0].Output.Count(l => l.Contains("could not be handled", StringComparison.Ordinal)));
        var queue = await _bed.Aws.Sqs.AttributesAsync(_bed.Resources.IngestQueueUrl);
        Assert.Equal(("0", "0"), (queue["ApproximateNumberOfMessages"], queue["ApproximateNumberOfMessagesNotVisible"]));

        await _bed.Silos[0].StopAsync(TimeSpan.FromSeconds(10)); // flushes the metrics
        var metrics = _receiver.Exports.Where(e => e.Path == "/v1/metrics").Select(e => Encoding.UTF8.GetString(e.Body)).ToList();
        Assert.Contains(metrics, m => m.Contains("medimaging.silo.dead_lettered") && m.Contains("unsupported-object"));
        Assert.Contains(metrics, m => m.Contains("medimaging.silo.ingest_events") && m.Contains("ingested"));
        Assert.DoesNotContain(_receiver.Exports, e => Encoding.UTF8.GetString(e.Body) is var text && (text.Contains(poisoned) || text.Contains(healthy)));
    }

    private static byte[] StudyVariant(string corpusFile, string studyUid)
    {
        var file = MedImaging.Dicom.DicomFile.Open(TestCorpus.File(corpusFile));
        file.Dataset.AddOrUpdate(MedImaging.Dicom.DicomTag.StudyInstanceUID, studyUid);
        using var stream = new MemoryStream();
        file.Save(stream);
        return stream.ToArray();
    }

    private static string KeyOf(string eventBody) =>
        Uri.UnescapeDataString(System.Text.Json.JsonDocument.Parse(eventBody).RootElement.GetProperty("Records")[0]
            .GetProperty("s3").GetProperty("object").GetProperty("key").GetString()!);

    // A study item whose creation time is not a time: reading the study's state fails on every activation.
    private Task CorruptStudyItemAsync(string studyKey) =>
        _bed.Aws.DynamoDb.PutItemAsync(new PutItemRequest
        {
            TableName = _bed.Resources.StudyTable,
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
}
