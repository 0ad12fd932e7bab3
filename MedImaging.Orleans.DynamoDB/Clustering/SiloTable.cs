using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

namespace MedImaging.Orleans.DynamoDB.Clustering;

/// <summary>
/// The membership table's schema, the one of Microsoft's DynamoDB clustering provider: one partition per cluster
/// (hash key DeploymentId), one item per silo (range key SiloIdentity "address-port-generation") and one version item
/// (range key "VersionRow") whose ETag every membership change moves forward.
/// </summary>
internal static class SiloTable
{
    public const string DeploymentId = "DeploymentId";
    public const string SiloIdentity = "SiloIdentity";
    public const string ETag = "ETag";
    public const string Address = "Address";
    public const string Port = "Port";
    public const string Generation = "Generation";
    public const string HostName = "HostName";
    public const string Status = "SiloStatus";
    public const string ProxyPort = "ProxyPort";
    public const string SiloName = "SiloName";
    public const string SuspectingSilos = "SuspectingSilos";
    public const string SuspectingTimes = "SuspectingTimes";
    public const string StartTime = "StartTime";
    public const string IAmAliveTime = "IAmAliveTime";
    public const string MembershipVersion = "MembershipVersion";
    public const string VersionRowKey = "VersionRow";

    public static CreateTableRequest CreateRequest(string tableName) => new()
    {
        TableName = tableName,
        KeySchema =
        [
            new KeySchemaElement(DeploymentId, KeyType.HASH),
            new KeySchemaElement(SiloIdentity, KeyType.RANGE),
        ],
        AttributeDefinitions =
        [
            new AttributeDefinition(DeploymentId, ScalarAttributeType.S),
            new AttributeDefinition(SiloIdentity, ScalarAttributeType.S),
        ],
    };
}
