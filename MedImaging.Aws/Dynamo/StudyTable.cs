using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using MedImaging.Studies;
using static MedImaging.Aws.Dynamo.StudyTableSchema;

namespace MedImaging.Aws.Dynamo;

/// <summary>
/// Reads and writes studies in the study table. Every write of a study is conditional on the version read
/// (optimistic concurrency, like an Orleans ETag); its changed instance items go in the same transaction.
/// </summary>
public sealed class StudyTable(IAmazonDynamoDB dynamo, string tableName, StudyWriteBatching? batching = null, TimeProvider? clock = null)
{
    private readonly StudyWriteBatcher _writes = new(dynamo, batching, clock);

    /// <summary>How saves of several studies share requests.</summary>
    public StudyWriteBatching Batching { get; } = batching ?? StudyWriteBatching.Default;

    /// <summary>DynamoDB's limit of items per transaction, minus the study item.</summary>
    public const int MaxInstancesPerSave = 99;

    public string TableName => tableName;

    public async Task<StudySnapshot?> LoadAsync(string studyKey, CancellationToken cancellationToken = default)
    {
        StudyRecord? study = null;
        long version = 0;
        var instances = new List<InstanceRecord>();
        Dictionary<string, AttributeValue>? startKey = null;
        do
        {
            var page = await dynamo.QueryAsync(new QueryRequest
            {
                TableName = tableName,
                ConsistentRead = true,
                KeyConditionExpression = "#pk = :pk",
                ExpressionAttributeNames = new() { ["#pk"] = PartitionKey },
                ExpressionAttributeValues = new() { [":pk"] = new AttributeValue(StudyPartition(studyKey)) },
                ExclusiveStartKey = startKey,
            }, cancellationToken);
            foreach (var item in page.Items ?? [])
            {
                var sortKey = item[SortKey].S;
                if (sortKey == MetaSortKey) { study = StudyItemSerializer.ToStudy(item); version = StudyItemSerializer.VersionOf(item); }
                else if (sortKey.StartsWith(InstanceSortKeyPrefix, StringComparison.Ordinal)) instances.Add(StudyItemSerializer.ToInstance(item));
            }
            startKey = page.LastEvaluatedKey is { Count: > 0 } next ? next : null;
        } while (startKey is not null);
        return study is null ? null : new StudySnapshot(study, instances, version);
    }

    /// <summary>The study item's current version (0 when the study does not exist), read consistently; one small read.</summary>
    public async Task<long> GetVersionAsync(string studyKey, CancellationToken cancellationToken = default)
    {
        var response = await dynamo.GetItemAsync(new GetItemRequest
        {
            TableName = tableName,
            ConsistentRead = true,
            Key = new() { [PartitionKey] = new AttributeValue(StudyPartition(studyKey)), [SortKey] = new AttributeValue(MetaSortKey) },
            ProjectionExpression = "#v",
            ExpressionAttributeNames = new() { ["#v"] = VersionAttribute },
        }, cancellationToken);
        return response.Item is { Count: > 0 } item ? StudyItemSerializer.VersionOf(item) : 0;
    }

    /// <summary>
    /// Writes the study (and the given instance items) if its version is still <paramref name="expectedVersion"/>, all
    /// or nothing. Saves of other studies made at the same time may share its request (see <see cref="StudyWriteBatcher"/>).
    /// </summary>
    /// <returns>The new version.</returns>
    /// <exception cref="StudyConcurrencyException">Someone else wrote the study since it was read.</exception>
    public Task<long> SaveAsync(
        StudyRecord study, IReadOnlyCollection<InstanceRecord> changedInstances, long expectedVersion, CancellationToken cancellationToken = default)
    {
        if (changedInstances.Count > MaxInstancesPerSave)
            throw new ArgumentException($"At most {MaxInstancesPerSave} instances can be saved in one turn.", nameof(changedInstances));
        var studyPut = new Put
        {
            TableName = tableName,
            Item = StudyItemSerializer.ToItem(study, expectedVersion + 1),
        };
        SetVersionCondition(studyPut, expectedVersion);
        var instancePuts = changedInstances
            .Select(i => new Put { TableName = tableName, Item = StudyItemSerializer.ToItem(study.StudyKey, i) })
            .ToList();
        return _writes.SaveAsync(new StudyWrite(study.StudyKey, studyPut, instancePuts, expectedVersion), cancellationToken);
    }

    /// <summary>
    /// Studies in <paramref name="status"/> not updated since <paramref name="updatedBefore"/>, oldest first,
    /// read from the status index (eventually consistent: the grain re-checks before it acts).
    /// </summary>
    public async Task<IReadOnlyList<StaleStudy>> ListStaleAsync(
        string status, DateTimeOffset updatedBefore, int limit, CancellationToken cancellationToken = default)
    {
        var page = await dynamo.QueryAsync(new QueryRequest
        {
            TableName = tableName,
            IndexName = StatusIndexName,
            KeyConditionExpression = "#pk = :status AND #sk < :before",
            ExpressionAttributeNames = new() { ["#pk"] = StatusIndexPartitionKey, ["#sk"] = StatusIndexSortKey },
            ExpressionAttributeValues = new()
            {
                [":status"] = new AttributeValue(StatusPartition(status)),
                [":before"] = new AttributeValue(StatusIndexTime(updatedBefore)),
            },
            Limit = limit,
        }, cancellationToken);
        return (page.Items ?? []).Select(StudyItemSerializer.ToStudy).Select(s => new StaleStudy(s.StudyKey, s.UpdatedAt)).ToList();
    }

    /// <summary>
    /// Up to <paramref name="limit"/> studies in <paramref name="status"/>, most recently updated first, updated at or
    /// after <paramref name="updatedSince"/> and strictly after <paramref name="after"/> in that order (ties on the
    /// update time are broken by study key, descending). Read from the status index: eventually consistent.
    /// </summary>
    public async Task<IReadOnlyList<StudyIndexEntry>> ListByStatusAsync(
        string status, DateTimeOffset? updatedSince, StudyIndexPosition? after, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        var conditions = new List<string> { "#pk = :status" };
        var values = new Dictionary<string, AttributeValue> { [":status"] = new(StatusPartition(status)) };
        if (updatedSince is { } since) values[":since"] = new AttributeValue(StatusIndexTime(since));
        if (after is not null) values[":before"] = new AttributeValue(after.IndexTime);
        conditions.Add((updatedSince, after) switch
        {
            (not null, not null) => "#sk BETWEEN :since AND :before",
            (not null, null) => "#sk >= :since",
            (null, not null) => "#sk <= :before",
            _ => "",
        });
        var keyCondition = string.Join(" AND ", conditions.Where(c => c.Length > 0));
        // DynamoDB refuses a name the expression does not use.
        var names = new Dictionary<string, string> { ["#pk"] = StatusIndexPartitionKey };
        if (updatedSince is not null || after is not null) names["#sk"] = StatusIndexSortKey;
        if (updatedSince is not null && after is not null && string.CompareOrdinal(after.IndexTime, values[":since"].S) < 0)
            return [];

        var found = new List<StudyIndexEntry>();
        Dictionary<string, AttributeValue>? startKey = null;
        do
        {
            var page = await dynamo.QueryAsync(new QueryRequest
            {
                TableName = tableName,
                IndexName = StatusIndexName,
                KeyConditionExpression = keyCondition,
                ExpressionAttributeNames = names,
                ExpressionAttributeValues = values,
                ScanIndexForward = false,
                Limit = limit + 1,
                ExclusiveStartKey = startKey,
            }, cancellationToken);
            foreach (var item in page.Items ?? [])
            {
                var entry = new StudyIndexEntry(StudyItemSerializer.ToStudy(item), item[StatusIndexSortKey].S);
                if (after is null || IsAfter(entry, after)) found.Add(entry);
            }
            startKey = page.LastEvaluatedKey is { Count: > 0 } next ? next : null;
        } while (startKey is not null && found.Count < limit);
        return found.OrderByDescending(e => e.IndexTime, StringComparer.Ordinal)
            .ThenByDescending(e => e.Study.StudyKey, StringComparer.Ordinal)
            .Take(limit).ToList();
    }

    private static bool IsAfter(StudyIndexEntry entry, StudyIndexPosition position)
    {
        var byTime = string.CompareOrdinal(entry.IndexTime, position.IndexTime);
        return byTime < 0 || (byTime == 0 && string.CompareOrdinal(entry.Study.StudyKey, position.StudyKey) < 0);
    }

    /// <summary>Creates the study item unless it exists, so a study is visible as soon as its upload is accepted.</summary>
    public async Task<bool> CreateIfAbsentAsync(StudyRecord study, CancellationToken cancellationToken = default)
    {
        try
        {
            await dynamo.PutItemAsync(new PutItemRequest
            {
                TableName = tableName,
                Item = StudyItemSerializer.ToItem(study, version: 0),
                ConditionExpression = "attribute_not_exists(#pk)",
                ExpressionAttributeNames = new() { ["#pk"] = PartitionKey },
            }, cancellationToken);
            return true;
        }
        catch (ConditionalCheckFailedException)
        {
            return false;
        }
    }

    private static void SetVersionCondition(Put put, long expectedVersion)
    {
        put.ExpressionAttributeValues = new() { [":v"] = new AttributeValue { N = expectedVersion.ToString(System.Globalization.CultureInfo.InvariantCulture) } };
        if (expectedVersion == 0)
        {
            // Absent, or the stub the Api created at upload (version 0).
            put.ConditionExpression = "attribute_not_exists(#pk) OR #v = :v";
            put.ExpressionAttributeNames = new() { ["#pk"] = PartitionKey, ["#v"] = VersionAttribute };
        }
        else
        {
            put.ConditionExpression = "#v = :v";
            put.ExpressionAttributeNames = new() { ["#v"] = VersionAttribute };
        }
    }
}
