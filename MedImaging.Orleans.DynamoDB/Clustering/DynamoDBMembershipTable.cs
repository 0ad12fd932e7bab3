using System.Globalization;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using MedImaging.Orleans.DynamoDB.Shared;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans;
using Orleans.Configuration;
using Orleans.Runtime;

namespace MedImaging.Orleans.DynamoDB.Clustering;

/// <summary>
/// Orleans membership on DynamoDB. Every change writes the silo item and the version item in one transaction,
/// each conditional on the ETag the caller read, so of two silos racing on the same table version only one wins.
/// </summary>
internal sealed class DynamoDBMembershipTable : IMembershipTable, IDisposable
{
    // A query sees each item as committed but not a transaction as a whole; a silo item newer than the version
    // item means a transaction was half-visible, and the read is repeated.
    private const int MaxReadAllAttempts = 10;

    private readonly IAmazonDynamoDB _client;
    private readonly DynamoDBOrleansOptions _options;
    private readonly string _clusterId;
    private readonly ILogger<DynamoDBMembershipTable> _logger;

    public DynamoDBMembershipTable(
        IOptionsMonitor<DynamoDBOrleansOptions> options,
        IOptions<ClusterOptions> clusterOptions,
        ILogger<DynamoDBMembershipTable> logger)
    {
        _options = options.Get(DynamoDBOrleansOptions.ClusteringOptionsName);
        _clusterId = clusterOptions.Value.ClusterId;
        _logger = logger;
        _client = DynamoDBClientFactory.Create(_options);
    }

    private string Table => _options.MembershipTableName;

    public async Task InitializeMembershipTable(bool tryInitTableVersion)
    {
        ClusteringLog.Initializing(_logger, Table, _clusterId);
        await DynamoDBTables.EnsureAsync(_client, _options, SiloTable.CreateRequest(Table), _logger, CancellationToken.None);
        if (!tryInitTableVersion)
            return;
        try
        {
            await _client.PutItemAsync(new PutItemRequest
            {
                TableName = Table,
                Item = VersionRow.InitialItem(_clusterId),
                ConditionExpression = $"attribute_not_exists({SiloTable.DeploymentId})",
            });
            ClusteringLog.CreatedVersionRow(_logger, _clusterId);
        }
        catch (ConditionalCheckFailedException)
        {
            // Another silo created it: any version row will do.
        }
    }

    public async Task<MembershipTableData> ReadRow(SiloAddress key)
    {
        var response = await _client.TransactGetItemsAsync(new TransactGetItemsRequest
        {
            TransactItems =
            [
                new TransactGetItem { Get = new Get { TableName = Table, Key = SiloItem.Key(_clusterId, SiloItem.Identity(key)) } },
                new TransactGetItem { Get = new Get { TableName = Table, Key = SiloItem.Key(_clusterId, SiloTable.VersionRowKey) } },
            ],
        });
        var items = (response.Responses ?? []).Select(r => r.Item).Where(item => item is { Count: > 0 }).ToList();
        return ToTableData(items);
    }

    public async Task<MembershipTableData> ReadAll()
    {
        for (var attempt = 1; ; attempt++)
        {
            var items = await _client.QueryAllAsync(new QueryRequest
            {
                TableName = Table,
                ConsistentRead = true,
                KeyConditionExpression = "#cluster = :cluster",
                ExpressionAttributeNames = new() { ["#cluster"] = SiloTable.DeploymentId },
                ExpressionAttributeValues = new() { [":cluster"] = DynamoDBItems.S(_clusterId) },
            });
            var version = items.FirstOrDefault(SiloItem.IsVersionRow) is { } versionItem ? VersionRow.FromItem(versionItem).Version : 0;
            var torn = items.Any(item => !SiloItem.IsVersionRow(item) && item.GetInt(SiloTable.MembershipVersion) > version);
            if (!torn || attempt == MaxReadAllAttempts)
                return ToTableData(items);
            ClusteringLog.TornRead(_logger, _clusterId, attempt);
        }
    }

    public async Task<bool> InsertRow(MembershipEntry entry, TableVersion tableVersion)
    {
        if (!TryParseETag(tableVersion.VersionEtag, out var versionETag))
            return false;
        var insert = new Put
        {
            TableName = Table,
            Item = SiloItem.ToItem(_clusterId, entry, tableVersion.Version, etag: 0),
            ConditionExpression = $"attribute_not_exists({SiloTable.DeploymentId})",
        };
        return await TryWriteAsync(
            [new TransactWriteItem { Put = insert }, new TransactWriteItem { Update = VersionRow.AdvanceTo(Table, _clusterId, tableVersion, versionETag) }],
            entry, "insert");
    }

    public async Task<bool> UpdateRow(MembershipEntry entry, string etag, TableVersion tableVersion)
    {
        if (!TryParseETag(etag, out var rowETag) || !TryParseETag(tableVersion.VersionEtag, out var versionETag))
            return false;
        var replace = new Put
        {
            TableName = Table,
            Item = SiloItem.ToItem(_clusterId, entry, tableVersion.Version, rowETag + 1),
            ConditionExpression = "#etag = :expectedEtag",
            ExpressionAttributeNames = new() { ["#etag"] = SiloTable.ETag },
            ExpressionAttributeValues = new() { [":expectedEtag"] = DynamoDBItems.N(rowETag) },
        };
        return await TryWriteAsync(
            [new TransactWriteItem { Put = replace }, new TransactWriteItem { Update = VersionRow.AdvanceTo(Table, _clusterId, tableVersion, versionETag) }],
            entry, "update");
    }

    // Orleans treats IAmAlive as a hint outside the ETag protocol: it changes neither the row's ETag nor the version.
    public Task UpdateIAmAlive(MembershipEntry entry) =>
        _client.UpdateItemAsync(new UpdateItemRequest
        {
            TableName = Table,
            Key = SiloItem.Key(_clusterId, SiloItem.Identity(entry.SiloAddress)),
            UpdateExpression = "SET #alive = :alive",
            ConditionExpression = $"attribute_exists({SiloTable.DeploymentId})",
            ExpressionAttributeNames = new() { ["#alive"] = SiloTable.IAmAliveTime },
            ExpressionAttributeValues = new() { [":alive"] = DynamoDBItems.S(LogFormatter.PrintDate(entry.IAmAliveTime)) },
        });

    public async Task CleanupDefunctSiloEntries(DateTimeOffset beforeDate)
    {
        var items = await QueryClusterAsync(_clusterId);
        var defunct = items
            .Where(item => !SiloItem.IsVersionRow(item))
            .Where(item => item.GetInt(SiloTable.Status) != (int)SiloStatus.Active)
            .Where(item => new DateTimeOffset(SiloItem.ParseDate(item.GetString(SiloTable.IAmAliveTime)), TimeSpan.Zero) < beforeDate)
            .Select(item => SiloItem.Key(_clusterId, item.GetString(SiloTable.SiloIdentity)!))
            .ToList();
        await _client.DeleteAllAsync(Table, defunct);
        ClusteringLog.RemovedDefunct(_logger, defunct.Count, _clusterId);
    }

    public async Task DeleteMembershipTableEntries(string clusterId)
    {
        var items = await QueryClusterAsync(clusterId);
        await _client.DeleteAllAsync(Table, items.Select(item => SiloItem.Key(clusterId, item.GetString(SiloTable.SiloIdentity)!)));
    }

    private Task<List<Dictionary<string, AttributeValue>>> QueryClusterAsync(string clusterId) =>
        _client.QueryAllAsync(new QueryRequest
        {
            TableName = Table,
            ConsistentRead = true,
            KeyConditionExpression = "#cluster = :cluster",
            ProjectionExpression = "#cluster, #silo, #status, #alive",
            ExpressionAttributeNames = new()
            {
                ["#cluster"] = SiloTable.DeploymentId,
                ["#silo"] = SiloTable.SiloIdentity,
                ["#status"] = SiloTable.Status,
                ["#alive"] = SiloTable.IAmAliveTime,
            },
            ExpressionAttributeValues = new() { [":cluster"] = DynamoDBItems.S(clusterId) },
        });

    private async Task<bool> TryWriteAsync(List<TransactWriteItem> writes, MembershipEntry entry, string operation)
    {
        try
        {
            await _client.TransactWriteItemsAsync(new TransactWriteItemsRequest { TransactItems = writes });
            return true;
        }
        catch (TransactionCanceledException e) when (IsContention(e))
        {
            ClusteringLog.LostRace(_logger, operation, entry.SiloAddress);
            return false;
        }
    }

    // A failed ETag condition or a concurrent transaction on the same items: the caller re-reads and retries.
    private static bool IsContention(TransactionCanceledException e) =>
        e.CancellationReasons is { Count: > 0 } reasons
            ? reasons.Any(r => r.Code is "ConditionalCheckFailed" or "TransactionConflict")
            : e.Message.Contains("ConditionalCheckFailed", StringComparison.Ordinal);

    private MembershipTableData ToTableData(List<Dictionary<string, AttributeValue>> items)
    {
        var versionItem = items.FirstOrDefault(SiloItem.IsVersionRow)
            ?? throw new InvalidOperationException(
                $"The membership table {Table} has no version row for cluster {_clusterId}: InitializeMembershipTable(true) creates it.");
        var members = new List<Tuple<MembershipEntry, string>>();
        foreach (var item in items.Where(item => !SiloItem.IsVersionRow(item)))
        {
            try
            {
                members.Add(SiloItem.ToEntry(item));
            }
            catch (Exception e) when (e is FormatException or OverflowException)
            {
                ClusteringLog.UnreadableSilo(_logger, e, item.GetString(SiloTable.SiloIdentity));
            }
        }

        return new MembershipTableData(members, VersionRow.FromItem(versionItem).ToTableVersion());
    }

    private static bool TryParseETag(string? etag, out int value) =>
        int.TryParse(etag, NumberStyles.Integer, CultureInfo.InvariantCulture, out value);

    public void Dispose() => _client.Dispose();
}
