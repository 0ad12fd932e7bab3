using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

namespace MedImaging.Orleans.DynamoDB.Persistence;

/// <summary>
/// The grain state table's schema, the one of Microsoft's DynamoDB grain storage: hash key GrainReference
/// ("{ServiceId}_{GrainId}"), range key GrainType (the state's name), the serialized state in GrainState (binary)
/// and a numeric ETag that every write moves forward.
/// </summary>
internal static class GrainStateTable
{
    public const string GrainReference = "GrainReference";
    public const string GrainType = "GrainType";
    public const string GrainState = "GrainState";
    public const string ETag = "ETag";

    /// <summary>DynamoDB's item size limit: attribute names and values together.</summary>
    public const int MaxItemBytes = 400 * 1024;

    public static CreateTableRequest CreateRequest(string tableName) => new()
    {
        TableName = tableName,
        KeySchema =
        [
            new KeySchemaElement(GrainReference, KeyType.HASH),
            new KeySchemaElement(GrainType, KeyType.RANGE),
        ],
        AttributeDefinitions =
        [
            new AttributeDefinition(GrainReference, ScalarAttributeType.S),
            new AttributeDefinition(GrainType, ScalarAttributeType.S),
        ],
    };
}
