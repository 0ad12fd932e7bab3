using System.Globalization;
using Amazon.DynamoDBv2.Model;
using MedImaging.Orleans.DynamoDB.Shared;
using Orleans;

namespace MedImaging.Orleans.DynamoDB.Clustering;

/// <summary>The cluster's version item: Orleans' table version is its MembershipVersion, the version's ETag its ETag.</summary>
internal sealed record VersionRow(int Version, int ETag)
{
    public TableVersion ToTableVersion() => new(Version, ETag.ToString(CultureInfo.InvariantCulture));

    public static VersionRow FromItem(Dictionary<string, AttributeValue> item) =>
        new(item.GetInt(SiloTable.MembershipVersion), item.GetInt(SiloTable.ETag));

    public static Dictionary<string, AttributeValue> InitialItem(string clusterId)
    {
        var item = SiloItem.Key(clusterId, SiloTable.VersionRowKey);
        item[SiloTable.MembershipVersion] = DynamoDBItems.N(0);
        item[SiloTable.ETag] = DynamoDBItems.N(0);
        return item;
    }

    /// <summary>Moves the version item to <paramref name="next"/> if its ETag is still the one the caller read.</summary>
    public static Update AdvanceTo(string tableName, string clusterId, TableVersion next, int expectedETag) => new()
    {
        TableName = tableName,
        Key = SiloItem.Key(clusterId, SiloTable.VersionRowKey),
        UpdateExpression = "SET #version = :version, #etag = :nextEtag",
        ConditionExpression = "#etag = :expectedEtag",
        ExpressionAttributeNames = new() { ["#version"] = SiloTable.MembershipVersion, ["#etag"] = SiloTable.ETag },
        ExpressionAttributeValues = new()
        {
            [":version"] = DynamoDBItems.N(next.Version),
            [":nextEtag"] = DynamoDBItems.N(expectedETag + 1L),
            [":expectedEtag"] = DynamoDBItems.N(expectedETag),
        },
    };
}
