using Amazon.DynamoDBv2.Model;
using MedImaging.Orleans.DynamoDB.Persistence;
using MedImaging.Orleans.DynamoDB.Tests.Infrastructure;
using Orleans;
using Orleans.Runtime;
using Orleans.Storage;
using static MedImaging.Orleans.DynamoDB.Tests.Persistence.GrainStorageFactory;

namespace MedImaging.Orleans.DynamoDB.Tests.Persistence;

[Collection(DynamoDbLocalCollection.Name)]
public sealed class DynamoDBGrainStorageTests(DynamoDbLocalFixture dynamo)
{
    private const string StateName = "counter";
    private readonly string _serviceId = Unique.Id("service");
    private readonly GrainId _grain = Grain(Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task A_grain_never_written_reads_as_no_record()
    {
        var storage = await CreateAsync(dynamo, _serviceId);
        var state = new GrainState<CounterState>(new CounterState { Count = 99 });

        await storage.ReadStateAsync(StateName, _grain, state);

        Assert.False(state.RecordExists);
        Assert.Null(state.ETag);
        Assert.Equal(new CounterState(), state.State);
    }

    [Fact]
    public async Task Written_state_reads_back_with_its_etag_and_each_write_moves_the_etag_on()
    {
        var storage = await CreateAsync(dynamo, _serviceId);
        var writer = Empty<CounterState>();
        writer.State = new CounterState { Count = 1, Writer = "a" };

        await storage.WriteStateAsync(StateName, _grain, writer);
        Assert.Equal("0", writer.ETag);
        writer.State = writer.State! with { Count = 2 };
        await storage.WriteStateAsync(StateName, _grain, writer);
        Assert.Equal("1", writer.ETag);

        var reader = Empty<CounterState>();
        await storage.ReadStateAsync(StateName, _grain, reader);
        Assert.True(reader.RecordExists);
        Assert.Equal("1", reader.ETag);
        Assert.Equal(new CounterState { Count = 2, Writer = "a" }, reader.State);
    }

    [Fact]
    public async Task A_write_with_an_etag_another_writer_already_used_throws_and_keeps_the_stored_state()
    {
        var storage = await CreateAsync(dynamo, _serviceId);
        var first = Empty<CounterState>();
        await storage.WriteStateAsync(StateName, _grain, first);
        var second = Copy(first);
        first.State = new CounterState { Count = 1, Writer = "first" };
        await storage.WriteStateAsync(StateName, _grain, first);

        second.State = new CounterState { Count = 1, Writer = "second" };
        var conflict = await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync(StateName, _grain, second));

        Assert.Equal("1", conflict.StoredEtag);
        Assert.Equal("0", conflict.CurrentEtag);
        Assert.Equal("0", second.ETag);
        Assert.Equal("first", (await Read(storage)).State!.Writer);
    }

    [Fact]
    public async Task A_first_write_when_another_writer_created_the_item_throws()
    {
        var storage = await CreateAsync(dynamo, _serviceId);
        var late = Empty<CounterState>();
        await storage.ReadStateAsync(StateName, _grain, late);
        var early = Empty<CounterState>();
        early.State = new CounterState { Writer = "early" };
        await storage.WriteStateAsync(StateName, _grain, early);

        late.State = new CounterState { Writer = "late" };
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync(StateName, _grain, late));

        Assert.Equal("early", (await Read(storage)).State!.Writer);
    }

    [Fact]
    public async Task Concurrent_writers_from_one_etag_let_exactly_one_write_land()
    {
        var storage = await CreateAsync(dynamo, _serviceId);
        var seed = Empty<CounterState>();
        await storage.WriteStateAsync(StateName, _grain, seed);
        var writers = Enumerable.Range(0, 8).Select(i =>
        {
            var state = Copy(seed);
            state.State = new CounterState { Count = i, Writer = $"writer-{i}" };
            return state;
        }).ToList();

        var outcomes = await Task.WhenAll(writers.Select(async writer =>
        {
            try
            {
                await storage.WriteStateAsync(StateName, _grain, writer);
                return writer.State!.Writer;
            }
            catch (InconsistentStateException)
            {
                return null;
            }
        }));

        var winner = Assert.Single(outcomes, o => o is not null);
        var stored = await Read(storage);
        Assert.Equal(winner, stored.State!.Writer);
        Assert.Equal("1", stored.ETag);
    }

    [Fact]
    public async Task Clear_keeps_an_empty_item_whose_etag_still_refuses_writers_that_read_before_the_clear()
    {
        var storage = await CreateAsync(dynamo, _serviceId);
        var state = Empty<CounterState>();
        state.State = new CounterState { Count = 5 };
        await storage.WriteStateAsync(StateName, _grain, state);
        var beforeClear = Copy(state);

        await storage.ClearStateAsync(StateName, _grain, state);

        Assert.False(state.RecordExists);
        Assert.Equal("1", state.ETag);
        Assert.Equal(new CounterState(), state.State);
        var read = await Read(storage);
        Assert.False(read.RecordExists);
        Assert.Equal("1", read.ETag);
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync(StateName, _grain, beforeClear));
        state.State = new CounterState { Count = 6 };
        await storage.WriteStateAsync(StateName, _grain, state);
        Assert.Equal(6, (await Read(storage)).State!.Count);
    }

    [Fact]
    public async Task Clear_with_a_stale_etag_throws_and_keeps_the_state()
    {
        var storage = await CreateAsync(dynamo, _serviceId);
        var state = Empty<CounterState>();
        await storage.WriteStateAsync(StateName, _grain, state);
        var stale = Copy(state);
        state.State = new CounterState { Count = 3 };
        await storage.WriteStateAsync(StateName, _grain, state);

        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.ClearStateAsync(StateName, _grain, stale));

        Assert.Equal(3, (await Read(storage)).State!.Count);
    }

    [Fact]
    public async Task Clear_with_DeleteStateOnClear_deletes_the_item()
    {
        var storage = await CreateAsync(dynamo, _serviceId, o => o.DeleteStateOnClear = true);
        var state = Empty<CounterState>();
        await storage.WriteStateAsync(StateName, _grain, state);

        await storage.ClearStateAsync(StateName, _grain, state);

        Assert.Null(state.ETag);
        Assert.False(state.RecordExists);
        Assert.Null(await RawItem());
    }

    [Fact]
    public async Task State_too_large_for_one_item_is_refused_with_a_clear_error_and_nothing_is_written()
    {
        var storage = await CreateAsync(dynamo, _serviceId);
        var state = new GrainState<byte[]>(new byte[420 * 1024]);

        var refused = await Assert.ThrowsAsync<GrainStateTooLargeException>(() => storage.WriteStateAsync(StateName, _grain, state));

        Assert.Contains("400 KB", refused.Message);
        Assert.Contains(_grain.ToString(), refused.Message);
        Assert.Null(state.ETag);
        Assert.Null(await RawItem());
    }

    [Fact]
    public async Task State_just_under_the_item_limit_is_stored()
    {
        var storage = await CreateAsync(dynamo, _serviceId);
        var bytes = new byte[395 * 1024];
        Random.Shared.NextBytes(bytes);

        await storage.WriteStateAsync(StateName, _grain, new GrainState<byte[]>(bytes));

        var read = new GrainState<byte[]>([]);
        await storage.ReadStateAsync(StateName, _grain, read);
        Assert.Equal(bytes, read.State);
    }

    [Fact]
    public async Task Items_have_the_attributes_of_Microsofts_DynamoDB_grain_storage()
    {
        var storage = await CreateAsync(dynamo, _serviceId);
        await storage.WriteStateAsync(StateName, _grain, new GrainState<CounterState>(new CounterState { Count = 1 }));

        var item = await RawItem();

        Assert.NotNull(item);
        Assert.Equal($"{_serviceId}_{_grain}", item["GrainReference"].S);
        Assert.Equal(StateName, item["GrainType"].S);
        Assert.NotNull(item["GrainState"].B);
        Assert.Equal("0", item["ETag"].N);
    }

    [Fact]
    public async Task A_DynamoDB_failure_surfaces_as_an_OrleansException_without_the_SDK_exception_inside()
    {
        var missing = Unique.Id("missing");
        var storage = await CreateAsync(dynamo, _serviceId, o => o.GrainStateTableName = missing, initialize: false);

        var read = await Assert.ThrowsAsync<OrleansException>(() => storage.ReadStateAsync(StateName, _grain, Empty<CounterState>()));
        var write = await Assert.ThrowsAsync<OrleansException>(() => storage.WriteStateAsync(StateName, _grain, Empty<CounterState>()));

        Assert.All([read, write], e =>
        {
            Assert.Contains(missing, e.Message);
            Assert.Contains(nameof(Amazon.DynamoDBv2.Model.ResourceNotFoundException), e.Message);
            Assert.Null(e.InnerException);
        });
    }

    private async Task<GrainState<CounterState>> Read(DynamoDBGrainStorage storage)
    {
        var state = Empty<CounterState>();
        await storage.ReadStateAsync(StateName, _grain, state);
        return state;
    }

    private async Task<Dictionary<string, AttributeValue>?> RawItem()
    {
        var response = await dynamo.Client.GetItemAsync(new GetItemRequest
        {
            TableName = DynamoDBOrleansOptions.DefaultGrainStateTableName,
            ConsistentRead = true,
            Key = new()
            {
                ["GrainReference"] = new AttributeValue { S = $"{_serviceId}_{_grain}" },
                ["GrainType"] = new AttributeValue { S = StateName },
            },
        });
        return response.Item is { Count: > 0 } item ? item : null;
    }
}
