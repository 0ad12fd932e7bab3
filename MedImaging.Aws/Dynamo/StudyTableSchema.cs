namespace MedImaging.Aws.Dynamo;

/// <summary>
/// Key layout of the study table: one study item (SK META) plus one item per instance (SK INST#{id})
/// under the partition STUDY#{key}, so no item grows with the size of the study. The one source of the table's key,
/// index and TTL names: the CDK stack (MedImaging.Infrastructure) defines the table from these.
/// </summary>
public static class StudyTableSchema
{
    public const string PartitionKey = "PK";
    public const string SortKey = "SK";
    public const string VersionAttribute = "version";
    public const string MetaSortKey = "META";
    public const string InstanceSortKeyPrefix = "INST#";

    /// <summary>Index listing studies by status and last update.</summary>
    public const string StatusIndexName = "GSI1";
    public const string StatusIndexPartitionKey = "GSI1PK";
    public const string StatusIndexSortKey = "GSI1SK";

    /// <summary>Epoch seconds after which DynamoDB may delete an item.</summary>
    public const string TimeToLiveAttribute = "expiresAt";

    public static string StudyPartition(string studyKey) => "STUDY#" + studyKey;

    public static string InstanceSortKey(string instanceId) => InstanceSortKeyPrefix + instanceId;

    public static string StatusPartition(string status) => "STATUS#" + status;

    /// <summary>Fixed-width ISO 8601 UTC, so the index sorts by time.</summary>
    public static string StatusIndexTime(DateTimeOffset time) => time.UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture);
}
