using System.Globalization;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using MedImaging.Orleans.DynamoDB.Shared;
using Microsoft.Extensions.Logging;
using Orleans;
using Orleans.Runtime;
using Orleans.Serialization.Serializers;
using Orleans.Storage;

namespace MedImaging.Orleans.DynamoDB.Persistence;

/// <summary>
/// Orleans grain storage on DynamoDB: one item per grain and state name. A write succeeds only if the stored ETag is
/// the one the grain read (or no item exists for a grain that read nothing); otherwise it throws
/// <see cref="InconsistentStateException"/> and changes nothing.
/// </summary>
internal sealed class DynamoDBGrainStorage(
    string name,
    DynamoDBOrleansOptions options,
    string serviceId,
    IGrainStorageSerializer serializer,
    IActivatorProvider activators,
    ILogger<DynamoDBGrainStorage> logger) : IGrainStorage, ILifecycleParticipant<ISiloLifecycle>, IDisposable
{
    private readonly IAmazonDynamoDB _client = DynamoDBClientFactory.Create(options);

    private string Table => options.GrainStateTableName;

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe($"{nameof(DynamoDBGrainStorage)}-{name}", ServiceLifecycleStage.ApplicationServices, InitializeAsync);

    private Task InitializeAsync(CancellationToken cancellationToken)
    {
        PersistenceLog.Initializing(logger, name, Table);
        return DynamoDBTables.EnsureAsync(_client, options, GrainStateTable.CreateRequest(Table), logger, cancellationToken);
    }

    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        GetItemResponse response;
        try
        {
            response = await _client.GetItemAsync(new GetItemRequest
            {
                TableName = Table,
                Key = GrainStateItem.KeyOf(GrainReference(grainId), stateName),
                ConsistentRead = true,
            });
        }
        catch (Exception e) when (DynamoDBErrors.IsSdkException(e))
        {
            throw Failure(e, "read", stateName, GrainReference(grainId));
        }

        if (response.Item is not { Count: > 0 } item)
        {
            grainState.State = Create<T>();
            grainState.ETag = null;
            grainState.RecordExists = false;
            return;
        }

        var stored = GrainStateItem.FromItem(item);
        grainState.ETag = stored.ETag.ToString(CultureInfo.InvariantCulture);
        grainState.RecordExists = stored.State is not null;
        grainState.State = stored.State is { } bytes ? serializer.Deserialize<T>(new BinaryData(bytes)) : Create<T>();
    }

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var expected = ParseETag(grainState.ETag, stateName, grainId);
        var next = new GrainStateItem(GrainReference(grainId), stateName, serializer.Serialize(grainState.State).ToArray(), NextETag(expected));
        var size = next.SizeInBytes();
        if (size > GrainStateTable.MaxItemBytes)
            throw new GrainStateTooLargeException(stateName, next.GrainReference, size);

        await PutAsync(next, expected, grainState.ETag);
        grainState.ETag = next.ETag.ToString(CultureInfo.InvariantCulture);
        grainState.RecordExists = true;
    }

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var expected = ParseETag(grainState.ETag, stateName, grainId);
        var grainReference = GrainReference(grainId);
        if (options.DeleteStateOnClear)
        {
            await DeleteAsync(grainReference, stateName, expected, grainState.ETag);
            grainState.ETag = null;
        }
        else
        {
            // An item without state keeps the ETag sequence, so a writer that read before the clear still conflicts.
            var cleared = new GrainStateItem(grainReference, stateName, null, NextETag(expected));
            await PutAsync(cleared, expected, grainState.ETag);
            grainState.ETag = cleared.ETag.ToString(CultureInfo.InvariantCulture);
        }

        grainState.State = Create<T>();
        grainState.RecordExists = false;
    }

    private async Task PutAsync(GrainStateItem item, long? expectedETag, string? currentETag)
    {
        var (condition, names, values) = Condition(expectedETag);
        var request = new PutItemRequest
        {
            TableName = Table,
            Item = item.ToItem(),
            ConditionExpression = condition,
            ExpressionAttributeNames = names,
            ExpressionAttributeValues = values,
            ReturnValuesOnConditionCheckFailure = ReturnValuesOnConditionCheckFailure.ALL_OLD,
        };
        try
        {
            await _client.PutItemAsync(request);
        }
        catch (ConditionalCheckFailedException e)
        {
            throw Conflict(item.GrainType, item.GrainReference, e, currentETag);
        }
        catch (Exception e) when (DynamoDBErrors.IsSdkException(e))
        {
            throw Failure(e, "write", item.GrainType, item.GrainReference);
        }
    }

    private async Task DeleteAsync(string grainReference, string stateName, long? expectedETag, string? currentETag)
    {
        var (condition, names, values) = Condition(expectedETag);
        var request = new DeleteItemRequest
        {
            TableName = Table,
            Key = GrainStateItem.KeyOf(grainReference, stateName),
            ConditionExpression = condition,
            ExpressionAttributeNames = names,
            ExpressionAttributeValues = values,
            ReturnValuesOnConditionCheckFailure = ReturnValuesOnConditionCheckFailure.ALL_OLD,
        };
        try
        {
            await _client.DeleteItemAsync(request);
        }
        catch (ConditionalCheckFailedException e)
        {
            throw Conflict(stateName, grainReference, e, currentETag);
        }
        catch (Exception e) when (DynamoDBErrors.IsSdkException(e))
        {
            throw Failure(e, "delete", stateName, grainReference);
        }
    }

    // No ETag: the grain read nothing, so nothing may be stored. An ETag: the stored one must still be it.
    private static (string Expression, Dictionary<string, string>? Names, Dictionary<string, AttributeValue>? Values) Condition(long? expectedETag) =>
        expectedETag is { } etag
            ? ("#etag = :etag", new() { ["#etag"] = GrainStateTable.ETag }, new() { [":etag"] = DynamoDBItems.N(etag) })
            : ($"attribute_not_exists({GrainStateTable.GrainReference})", null, null);

    private InconsistentStateException Conflict(string stateName, string grainReference, ConditionalCheckFailedException e, string? currentETag)
    {
        var stored = e.Item is { Count: > 0 } item ? item.GetLong(GrainStateTable.ETag).ToString(CultureInfo.InvariantCulture) : null;
        PersistenceLog.Conflict(logger, stateName, grainReference, stored, currentETag);
        return new InconsistentStateException(
            $"The state '{stateName}' of grain {grainReference} changed since it was read (stored ETag {stored ?? "none"}, grain's ETag {currentETag ?? "none"}).",
            stored,
            currentETag);
    }

    private OrleansException Failure(Exception e, string operation, string stateName, string grainReference)
    {
        PersistenceLog.Failed(logger, e, operation, stateName, grainReference, Table);
        return DynamoDBErrors.Wrap(e, $"DynamoDB grain storage: {operation} of the state '{stateName}' of grain {grainReference} in table {Table}");
    }

    private static long? ParseETag(string? etag, string stateName, GrainId grainId)
    {
        if (etag is null)
            return null;
        return long.TryParse(etag, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new InconsistentStateException($"The state '{stateName}' of grain {grainId} has ETag '{etag}', which this storage never issued.", null, etag);
    }

    // Microsoft's provider starts a grain's ETags at 0.
    private static long NextETag(long? expected) => expected is { } etag ? etag + 1 : 0;

    private string GrainReference(GrainId grainId) => $"{serviceId}_{grainId}";

    private T Create<T>() => activators.GetActivator<T>().Create();

    public void Dispose() => _client.Dispose();
}
