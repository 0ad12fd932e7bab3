using System.Globalization;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using MedImaging.Orleans.DynamoDB.Shared;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans;
using Orleans.Configuration;
using Orleans.Runtime;

namespace MedImaging.Orleans.DynamoDB.Reminders;

/// <summary>
/// Orleans reminders on DynamoDB. Ranges of the hash ring are read from the ServiceId/GrainHash index; a range is
/// (begin, end], and begin &gt;= end wraps around zero.
/// </summary>
internal sealed class DynamoDBReminderTable : IReminderTable, IDisposable
{
    private readonly IAmazonDynamoDB _client;
    private readonly DynamoDBOrleansOptions _options;
    private readonly string _serviceId;
    private readonly ILogger<DynamoDBReminderTable> _logger;

    public DynamoDBReminderTable(
        IOptionsMonitor<DynamoDBOrleansOptions> options,
        IOptions<ClusterOptions> clusterOptions,
        ILogger<DynamoDBReminderTable> logger)
    {
        _options = options.Get(DynamoDBOrleansOptions.RemindersOptionsName);
        _serviceId = clusterOptions.Value.ServiceId;
        _logger = logger;
        _client = DynamoDBClientFactory.Create(_options);
    }

    private string Table => _options.ReminderTableName;

    public Task StartAsync(CancellationToken cancellationToken = default)
    {
        RemindersLog.Initializing(_logger, Table, _serviceId);
        return DynamoDBTables.EnsureAsync(_client, _options, ReminderTable.CreateRequest(Table), _logger, cancellationToken);
    }

    public async Task<ReminderEntry?> ReadRow(GrainId grainId, string reminderName)
    {
        var response = await GuardAsync($"reading reminder {reminderName} of {grainId}", () => _client.GetItemAsync(new GetItemRequest
        {
            TableName = Table,
            Key = ReminderItem.Key(_serviceId, grainId, reminderName),
            ConsistentRead = true,
        }));
        return response.Item is { Count: > 0 } item ? ReminderItem.ToEntry(item) : null;
    }

    public async Task<ReminderTableData> ReadRows(GrainId grainId)
    {
        var items = await QueryIndexAsync(
            ReminderTable.ServiceIdGrainReferenceIndex,
            "#service = :service AND #grain = :grain",
            new() { ["#service"] = ReminderTable.ServiceId, ["#grain"] = ReminderTable.GrainReference },
            new() { [":service"] = DynamoDBItems.S(_serviceId), [":grain"] = DynamoDBItems.S(grainId.ToString()) });
        return new ReminderTableData(items.Select(ReminderItem.ToEntry));
    }

    public async Task<ReminderTableData> ReadRows(uint begin, uint end)
    {
        var names = new Dictionary<string, string> { ["#service"] = ReminderTable.ServiceId, ["#hash"] = ReminderTable.GrainHash };
        var items = begin < end
            ? await QueryHashesAsync("#hash BETWEEN :after AND :end", names, begin + 1L, end)
            : [
                .. await QueryHashesAsync("#hash <= :end", names, null, end),
                .. await QueryHashesAsync("#hash >= :after", names, begin + 1L, null),
            ];
        return new ReminderTableData(items.Select(ReminderItem.ToEntry));
    }

    public async Task<string?> UpsertRow(ReminderEntry entry)
    {
        // A fresh random ETag per write, as Microsoft's provider does: an older ETag never matches again.
        var etag = Random.Shared.NextInt64(1, long.MaxValue).ToString(CultureInfo.InvariantCulture);
        await GuardAsync(
            $"writing reminder {entry.ReminderName} of {entry.GrainId}",
            () => _client.PutItemAsync(new PutItemRequest { TableName = Table, Item = ReminderItem.ToItem(_serviceId, entry, etag) }));
        entry.ETag = etag;
        return etag;
    }

    public async Task<bool> RemoveRow(GrainId grainId, string reminderName, string eTag)
    {
        if (!long.TryParse(eTag, NumberStyles.Integer, CultureInfo.InvariantCulture, out var expected))
            return false;
        try
        {
            await _client.DeleteItemAsync(new DeleteItemRequest
            {
                TableName = Table,
                Key = ReminderItem.Key(_serviceId, grainId, reminderName),
                ConditionExpression = "#etag = :etag",
                ExpressionAttributeNames = new() { ["#etag"] = ReminderTable.ETag },
                ExpressionAttributeValues = new() { [":etag"] = DynamoDBItems.N(expected) },
            });
            return true;
        }
        catch (ConditionalCheckFailedException)
        {
            return false;
        }
        catch (Exception e) when (DynamoDBErrors.IsSdkException(e))
        {
            throw Failure(e, $"removing reminder {reminderName} of {grainId}");
        }
    }

    public async Task TestOnlyClearTable()
    {
        var items = await QueryHashesAsync(null, new() { ["#service"] = ReminderTable.ServiceId }, null, null);
        await _client.DeleteAllAsync(Table, items.Select(item => new Dictionary<string, AttributeValue>
        {
            [ReminderTable.ReminderId] = item[ReminderTable.ReminderId],
            [ReminderTable.GrainHash] = item[ReminderTable.GrainHash],
        }));
    }

    private Task<List<Dictionary<string, AttributeValue>>> QueryHashesAsync(
        string? hashCondition, Dictionary<string, string> names, long? after, long? end)
    {
        var values = new Dictionary<string, AttributeValue> { [":service"] = DynamoDBItems.S(_serviceId) };
        if (after is { } a)
            values[":after"] = DynamoDBItems.N(a);
        if (end is { } e)
            values[":end"] = DynamoDBItems.N(e);
        var condition = hashCondition is null ? "#service = :service" : $"#service = :service AND {hashCondition}";
        return QueryIndexAsync(ReminderTable.ServiceIdGrainHashIndex, condition, names, values);
    }

    private Task<List<Dictionary<string, AttributeValue>>> QueryIndexAsync(
        string index, string keyCondition, Dictionary<string, string> names, Dictionary<string, AttributeValue> values) =>
        GuardAsync($"querying reminders on index {index}", () => _client.QueryAllAsync(new QueryRequest
        {
            TableName = Table,
            IndexName = index,
            KeyConditionExpression = keyCondition,
            ExpressionAttributeNames = names,
            ExpressionAttributeValues = values,
        }));

    // Reminder calls come from grains (register, unregister, get): their failures must reach the grain intact.
    private async Task<T> GuardAsync<T>(string what, Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (Exception e) when (DynamoDBErrors.IsSdkException(e))
        {
            throw Failure(e, what);
        }
    }

    private OrleansException Failure(Exception e, string what)
    {
        RemindersLog.Failed(_logger, e, what, Table);
        return DynamoDBErrors.Wrap(e, $"DynamoDB reminder table {Table}: {what}");
    }

    public void Dispose() => _client.Dispose();
}
