namespace MedImaging.Infrastructure;

/// <summary>Key and index names of the study table (they match MedImaging.Aws.Dynamo.StudyTableSchema).</summary>
public static class StudyTableDefinition
{
    public const string PartitionKey = "PK";
    public const string SortKey = "SK";
    public const string StatusIndexName = "GSI1";
    public const string StatusIndexPartitionKey = "GSI1PK";
    public const string StatusIndexSortKey = "GSI1SK";
    public const string TimeToLiveAttribute = "expiresAt";
}
