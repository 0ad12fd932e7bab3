using System.Text.Json;
using System.Text.Json.Serialization;
using Amazon.DynamoDBv2.Model;
using MedImaging.Studies;
using static MedImaging.Aws.Dynamo.StudyTableSchema;

namespace MedImaging.Aws.Dynamo;

/// <summary>
/// Maps the study and instance records to DynamoDB items and back, through their JSON. A study item holds native
/// attributes (camelCase names; see <see cref="AttributeMapJson"/> for how JSON values become attribute values). An
/// instance item holds its whole record packed into <see cref="PackedRecordAttribute"/> (see <see cref="PackedRecord"/>),
/// beside plain copies of its id, status, update time and error for people and tools reading the table; items written
/// before, with native attributes only, still read.
/// </summary>
public static class StudyItemSerializer
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        // A map attribute keeps no member order: a scheduled message's type discriminator may come back anywhere.
        AllowOutOfOrderMetadataProperties = true,
    };

    public static Dictionary<string, AttributeValue> ToItem(StudyRecord study, long version)
    {
        var item = ToAttributes(study);
        item[PartitionKey] = new AttributeValue(StudyPartition(study.StudyKey));
        item[SortKey] = new AttributeValue(MetaSortKey);
        item[VersionAttribute] = new AttributeValue { N = version.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        item[StatusIndexPartitionKey] = new AttributeValue(StatusPartition(study.Status));
        item[StatusIndexSortKey] = new AttributeValue(StatusIndexTime(study.UpdatedAt));
        return item;
    }

    /// <summary>The binary attribute of an instance item that holds its record; the only one read when present.</summary>
    public const string PackedRecordAttribute = "record";

    public static Dictionary<string, AttributeValue> ToItem(string studyKey, InstanceRecord instance)
    {
        var item = new Dictionary<string, AttributeValue>(StringComparer.Ordinal)
        {
            [PartitionKey] = new AttributeValue(StudyPartition(studyKey)),
            [SortKey] = new AttributeValue(InstanceSortKey(instance.InstanceId)),
            ["instanceId"] = new AttributeValue(instance.InstanceId),
            ["status"] = new AttributeValue(instance.Status),
            ["updatedAt"] = new AttributeValue(instance.UpdatedAt.ToString("O", System.Globalization.CultureInfo.InvariantCulture)),
            [PackedRecordAttribute] = new AttributeValue { B = PackedRecord.Pack(JsonSerializer.SerializeToUtf8Bytes(instance, Json)) },
        };
        if (instance.Error is { } error) item["error"] = new AttributeValue(error);
        return item;
    }

    public static StudyRecord ToStudy(Dictionary<string, AttributeValue> item) => FromAttributes<StudyRecord>(item);

    /// <exception cref="StudyItemFormatException">The item's packed record is damaged, or is not the item's.</exception>
    public static InstanceRecord ToInstance(Dictionary<string, AttributeValue> item)
    {
        if (!item.TryGetValue(PackedRecordAttribute, out var packed)) return FromAttributes<InstanceRecord>(item);
        if (packed.B is not { } bytes) throw new StudyItemFormatException("the packed record attribute is not binary");
        InstanceRecord? instance;
        try
        {
            instance = JsonSerializer.Deserialize<InstanceRecord>(PackedRecord.Unpack(bytes), Json);
        }
        catch (JsonException error)
        {
            throw new StudyItemFormatException("the packed record is not an instance record's JSON", error);
        }
        if (instance is not { InstanceId: not null, Status: not null })
            throw new StudyItemFormatException("the packed record lacks an instance id or status");
        if (item.TryGetValue(SortKey, out var sortKey) && sortKey.S != InstanceSortKey(instance.InstanceId))
            throw new StudyItemFormatException("the packed record belongs to another instance item");
        return instance;
    }

    public static long VersionOf(Dictionary<string, AttributeValue> item) =>
        item.TryGetValue(VersionAttribute, out var value) && value.N is { } n ? long.Parse(n, System.Globalization.CultureInfo.InvariantCulture) : 0;

    /// <summary>A stable text form of an instance record, to tell which instance items a turn changed.</summary>
    public static string Fingerprint(InstanceRecord instance) => JsonSerializer.Serialize(instance, Json);

    private static Dictionary<string, AttributeValue> ToAttributes<T>(T record) =>
        AttributeMapJson.ToAttributeMap(JsonSerializer.SerializeToUtf8Bytes(record, Json));

    private static T FromAttributes<T>(Dictionary<string, AttributeValue> item)
    {
        var fields = item.Where(a => a.Key is not (PartitionKey or SortKey or VersionAttribute or StatusIndexPartitionKey or StatusIndexSortKey));
        return JsonSerializer.Deserialize<T>(AttributeMapJson.ToJson(fields), Json)
            ?? throw new InvalidDataException("A study table item deserialized to null.");
    }
}
