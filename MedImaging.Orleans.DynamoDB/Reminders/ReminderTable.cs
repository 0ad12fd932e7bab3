using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

namespace MedImaging.Orleans.DynamoDB.Reminders;

/// <summary>
/// The reminder table's schema, the one of Microsoft's DynamoDB reminder provider: hash key ReminderId
/// ("{ServiceId}_{GrainId}_{ReminderName}"), range key GrainHash (the grain's uniform hash, a number), and two global
/// secondary indexes on ServiceId: by GrainHash (a silo's ring range) and by GrainReference (one grain's reminders).
/// </summary>
internal static class ReminderTable
{
    public const string ReminderId = "ReminderId";
    public const string GrainHash = "GrainHash";
    public const string ServiceId = "ServiceId";
    public const string GrainReference = "GrainReference";
    public const string ReminderName = "ReminderName";
    public const string StartTime = "StartTime";
    public const string Period = "Period";
    public const string ETag = "ETag";

    public const string ServiceIdGrainHashIndex = "ServiceIdIndex";
    public const string ServiceIdGrainReferenceIndex = "ServiceIdGrainReferenceIndex";

    public static CreateTableRequest CreateRequest(string tableName) => new()
    {
        TableName = tableName,
        KeySchema =
        [
            new KeySchemaElement(ReminderId, KeyType.HASH),
            new KeySchemaElement(GrainHash, KeyType.RANGE),
        ],
        AttributeDefinitions =
        [
            new AttributeDefinition(ReminderId, ScalarAttributeType.S),
            new AttributeDefinition(GrainHash, ScalarAttributeType.N),
            new AttributeDefinition(ServiceId, ScalarAttributeType.S),
            new AttributeDefinition(GrainReference, ScalarAttributeType.S),
        ],
        GlobalSecondaryIndexes =
        [
            Index(ServiceIdGrainHashIndex, GrainHash),
            Index(ServiceIdGrainReferenceIndex, GrainReference),
        ],
    };

    private static GlobalSecondaryIndex Index(string name, string rangeKey) => new()
    {
        IndexName = name,
        KeySchema = [new KeySchemaElement(ServiceId, KeyType.HASH), new KeySchemaElement(rangeKey, KeyType.RANGE)],
        Projection = new Projection { ProjectionType = ProjectionType.ALL },
    };
}
