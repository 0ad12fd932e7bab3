using System.Text.Json;
using System.Text.Json.Serialization;
using Amazon.DynamoDBv2.Model;
using MedImaging.Aws.Studies;
using static MedImaging.Aws.Dynamo.StudyTableSchema;

namespace MedImaging.Aws.Dynamo;

/// <summary>
/// Maps the study and instance records to native DynamoDB attribute maps (camelCase names) and back, through their
/// JSON (see <see cref="AttributeMapJson"/> for how JSON values become attribute values).
/// </summary>
public static class StudyItemSerializer
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
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

    public static Dictionary<string, AttributeValue> ToItem(string studyKey, InstanceRecord instance)
    {
        var item = ToAttributes(instance);
        item[PartitionKey] = new AttributeValue(StudyPartition(studyKey));
        item[SortKey] = new AttributeValue(InstanceSortKey(instance.InstanceId));
        return item;
    }

    public static StudyRecord ToStudy(Dictionary<string, AttributeValue> item) => FromAttributes<StudyRecord>(item);

    public static InstanceRecord ToInstance(Dictionary<string, AttributeValue> item) => FromAttributes<InstanceRecord>(item);

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
