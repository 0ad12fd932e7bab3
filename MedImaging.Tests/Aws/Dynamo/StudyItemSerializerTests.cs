using System.Text.Json;
using System.Text.Json.Serialization;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.DocumentModel;
using Amazon.DynamoDBv2.Model;
using MedImaging.Aws.Dynamo;
using MedImaging.Studies;
using static MedImaging.Aws.Dynamo.StudyTableSchema;

namespace MedImaging.Tests.Aws.Dynamo;

/// <summary>
/// Study items are made from the records' JSON in one pass; the SDK's Document model (V2 conversion), which made them
/// before, is the oracle: the same attribute maps, and items it wrote (instance items too, as they were before they
/// were packed: see <see cref="PackedInstanceItemTests"/>) read back as the same records.
/// </summary>
public sealed class StudyItemSerializerTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 2, 3, 4, 5, 678, TimeSpan.Zero);

    private static readonly JsonSerializerOptions RecordJson = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    private static readonly StudyRecord Study = new(
        "2.25.123", StudyStatus.Completed, Now, Now.AddSeconds(3), Now.AddSeconds(2), InstanceCount: 2, FinalizeRequested: true,
        ExpectedInstances: 2, Timeline: [new StudyEvent("received", Now), new StudyEvent("completed", Now.AddSeconds(2), "all \"done\" ü")],
        ReportKey: "reports/2.25.123.json", Notification: new DeliveryStatus(DeliveryStatus.Delivered, 1, Now, "d1", 200),
        Webhook: new DeliveryStatus(DeliveryStatus.Retrying, 3, Now, "d1", 503, "HTTP 503"));

    private static readonly InstanceRecord Instance = new(
        "1.2.3", InstanceStatus.Done, "ingest", "incoming/x/1.2.3", "application/dicom", 134_184, new string('a', 64), Now, Now,
        [new StepRecord("validate", 1, Now, Now.AddMilliseconds(5), StepOutcome.Succeeded), new StepRecord("render", 2, Now, null, "failed", "timeout")],
        Progress: """{"step":"route","labels":[{"name":"x-ray","confidence":99.5}],"empty":[],"nothing":null}""",
        Result: "{}");

    private static Dictionary<string, AttributeValue> ByDocument<T>(T record) =>
        Document.FromJson(JsonSerializer.Serialize(record, RecordJson)).ToAttributeMap(DynamoDBEntryConversion.V2);

    private static Dictionary<string, AttributeValue> WithoutKeys(Dictionary<string, AttributeValue> item) =>
        item.Where(a => a.Key is not (PartitionKey or SortKey or VersionAttribute or StatusIndexPartitionKey or StatusIndexSortKey))
            .ToDictionary(a => a.Key, a => a.Value);

    [Fact]
    public void A_study_item_has_the_attributes_the_document_model_made_plus_its_keys_and_version()
    {
        var item = StudyItemSerializer.ToItem(Study, version: 7);

        Assert.Equal(AttributeText.Describe(ByDocument(Study)), AttributeText.Describe(WithoutKeys(item)));
        Assert.Equal(("STUDY#2.25.123", "META", "7"), (item[PartitionKey].S, item[SortKey].S, item[VersionAttribute].N));
        Assert.Equal("STATUS#completed", item[StatusIndexPartitionKey].S);
    }

    [Fact]
    public void Records_read_back_whole_from_items_made_either_way()
    {
        var studyItem = StudyItemSerializer.ToItem(Study, version: 1);
        var instanceItem = StudyItemSerializer.ToItem("2.25.123", Instance);

        Assert.Equal(JsonSerializer.Serialize(Study), JsonSerializer.Serialize(StudyItemSerializer.ToStudy(studyItem)));
        Assert.Equal(JsonSerializer.Serialize(Study), JsonSerializer.Serialize(StudyItemSerializer.ToStudy(ByDocument(Study))));
        Assert.Equal(JsonSerializer.Serialize(Instance), JsonSerializer.Serialize(StudyItemSerializer.ToInstance(instanceItem)));
        Assert.Equal(JsonSerializer.Serialize(Instance), JsonSerializer.Serialize(StudyItemSerializer.ToInstance(ByDocument(Instance))));
        Assert.Equal(1, StudyItemSerializer.VersionOf(studyItem));
    }
}
