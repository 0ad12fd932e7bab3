using Amazon.DynamoDBv2.Model;
using MedImaging.Orleans.DynamoDB.Reminders;
using MedImaging.Orleans.DynamoDB.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Orleans;
using Orleans.Configuration;
using Orleans.Runtime;

namespace MedImaging.Orleans.DynamoDB.Tests.Reminders;

[Collection(DynamoDbLocalCollection.Name)]
public sealed class DynamoDBReminderTableTests(DynamoDbLocalFixture dynamo) : IAsyncLifetime
{
    private readonly string _serviceId = Unique.Id("service");
    private DynamoDBReminderTable _table = null!;

    public async Task InitializeAsync() => _table = await CreateAsync(_serviceId);

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task An_upserted_reminder_reads_back_exactly_with_its_etag()
    {
        var entry = Entry(Grain("a"), "wake-up", new DateTime(2026, 12, 7, 10, 11, 12, 345, DateTimeKind.Utc).AddTicks(6789));

        var etag = await _table.UpsertRow(entry);

        var read = await _table.ReadRow(entry.GrainId, "wake-up");
        Assert.NotNull(read);
        Assert.Equal(entry.GrainId, read.GrainId);
        Assert.Equal("wake-up", read.ReminderName);
        Assert.Equal(entry.StartAt, read.StartAt);
        Assert.Equal(DateTimeKind.Utc, read.StartAt.Kind);
        Assert.Equal(entry.Period, read.Period);
        Assert.Equal(etag, read.ETag);
        Assert.Null(await _table.ReadRow(entry.GrainId, "other"));
    }

    [Fact]
    public async Task RemoveRow_needs_the_current_etag()
    {
        var entry = Entry(Grain("a"), "r");
        var first = await _table.UpsertRow(entry);
        var second = await _table.UpsertRow(entry);
        Assert.NotEqual(first, second);

        Assert.False(await _table.RemoveRow(entry.GrainId, "r", first!));
        Assert.False(await _table.RemoveRow(entry.GrainId, "r", "not-a-number"));
        Assert.NotNull(await _table.ReadRow(entry.GrainId, "r"));
        Assert.True(await _table.RemoveRow(entry.GrainId, "r", second!));
        Assert.Null(await _table.ReadRow(entry.GrainId, "r"));
        Assert.False(await _table.RemoveRow(entry.GrainId, "r", second!));
    }

    [Fact]
    public async Task ReadRows_of_a_grain_returns_its_reminders_only()
    {
        await _table.UpsertRow(Entry(Grain("a"), "one"));
        await _table.UpsertRow(Entry(Grain("a"), "two"));
        await _table.UpsertRow(Entry(Grain("b"), "one"));
        var otherService = await CreateAsync(Unique.Id("other"));
        await otherService.UpsertRow(Entry(Grain("a"), "three"));

        var rows = await _table.ReadRows(Grain("a"));

        Assert.Equal(["one", "two"], rows.Reminders.Select(r => r.ReminderName).Order());
        Assert.All(rows.Reminders, r => Assert.Equal(Grain("a"), r.GrainId));
    }

    public static TheoryData<int, int> Ranges => new()
    {
        { 3, 10 },   // (h3, h10]: begin excluded, end included
        { 0, 19 },
        { 15, 4 },   // wraps past the top of the ring
        { 19, 0 },
        { 7, 7 },    // begin == end: the whole ring
    };

    [Theory]
    [MemberData(nameof(Ranges))]
    public async Task ReadRows_of_a_hash_range_returns_the_reminders_of_grains_in_begin_exclusive_end_inclusive(int beginIndex, int endIndex)
    {
        var grains = Enumerable.Range(0, 20).Select(i => Grain($"g{i}")).OrderBy(g => g.GetUniformHashCode()).ToList();
        foreach (var grain in grains)
            await _table.UpsertRow(Entry(grain, "r"));
        var begin = grains[beginIndex].GetUniformHashCode();
        var end = grains[endIndex].GetUniformHashCode();

        var rows = await _table.ReadRows(begin, end);

        var expected = grains.Where(g => InRange(g.GetUniformHashCode(), begin, end)).Select(g => g.ToString()).Order();
        Assert.Equal(expected, rows.Reminders.Select(r => r.GrainId.ToString()).Order());
    }

    [Fact]
    public async Task ReadRows_of_ranges_at_the_ends_of_the_ring()
    {
        var grains = Enumerable.Range(0, 10).Select(i => Grain($"e{i}")).ToList();
        foreach (var grain in grains)
            await _table.UpsertRow(Entry(grain, "r"));

        foreach (var (begin, end) in ((uint, uint)[])[(uint.MaxValue, uint.MaxValue), (0, uint.MaxValue), (uint.MaxValue, 0), (uint.MaxValue - 1, uint.MaxValue)])
        {
            var rows = await _table.ReadRows(begin, end);
            var expected = grains.Where(g => InRange(g.GetUniformHashCode(), begin, end)).Select(g => g.ToString()).Order();
            Assert.Equal(expected, rows.Reminders.Select(r => r.GrainId.ToString()).Order());
        }

        Assert.Equal(10, (await _table.ReadRows(uint.MaxValue, uint.MaxValue)).Reminders.Count);
    }

    [Fact]
    public async Task TestOnlyClearTable_removes_this_services_reminders_only()
    {
        var otherService = await CreateAsync(Unique.Id("other"));
        foreach (var i in Enumerable.Range(0, 30))
            await _table.UpsertRow(Entry(Grain($"c{i}"), "r"));
        await otherService.UpsertRow(Entry(Grain("c0"), "r"));

        await _table.TestOnlyClearTable();

        Assert.Empty((await _table.ReadRows(0, 0)).Reminders);
        Assert.Single((await otherService.ReadRows(0, 0)).Reminders);
    }

    [Fact]
    public async Task Items_have_the_attributes_of_Microsofts_DynamoDB_reminder_table()
    {
        var entry = Entry(Grain("a"), "r");
        var etag = await _table.UpsertRow(entry);

        var item = await RawItem($"{_serviceId}_{entry.GrainId}_r", entry.GrainId.GetUniformHashCode());

        Assert.NotNull(item);
        Assert.Equal(_serviceId, item["ServiceId"].S);
        Assert.Equal(entry.GrainId.ToString(), item["GrainReference"].S);
        Assert.Equal("r", item["ReminderName"].S);
        Assert.Equal("00:01:00", item["Period"].S);
        Assert.Equal(entry.StartAt, DateTime.Parse(item["StartTime"].S, System.Globalization.CultureInfo.InvariantCulture).ToUniversalTime());
        Assert.Equal(etag, item["ETag"].N);
    }

    [Fact]
    public async Task A_reminder_written_in_Microsofts_format_is_read()
    {
        var grain = Grain("written-by-microsoft");
        await dynamo.Client.PutItemAsync(new PutItemRequest
        {
            TableName = DynamoDBOrleansOptions.DefaultReminderTableName,
            Item = new()
            {
                ["ReminderId"] = new AttributeValue { S = $"{_serviceId}_{grain}_legacy" },
                ["GrainHash"] = new AttributeValue { N = grain.GetUniformHashCode().ToString() },
                ["ServiceId"] = new AttributeValue { S = _serviceId },
                ["GrainReference"] = new AttributeValue { S = grain.ToString() },
                ["ReminderName"] = new AttributeValue { S = "legacy" },
                ["Period"] = new AttributeValue { S = "00:05:00" },
                ["StartTime"] = new AttributeValue { S = "12/07/2026 17:52:48" },
                ["ETag"] = new AttributeValue { N = "12345" },
            },
        });

        var read = await _table.ReadRow(grain, "legacy");

        Assert.NotNull(read);
        Assert.Equal(new DateTime(2026, 12, 7, 17, 52, 48, DateTimeKind.Utc), read.StartAt);
        Assert.Equal(TimeSpan.FromMinutes(5), read.Period);
        Assert.Equal("12345", read.ETag);
        Assert.True(await _table.RemoveRow(grain, "legacy", "12345"));
    }

    [Fact]
    public async Task A_DynamoDB_failure_surfaces_as_an_OrleansException_without_the_SDK_exception_inside()
    {
        var missing = Unique.Id("missing");
        var table = new DynamoDBReminderTable(
            new FixedOptionsMonitor<DynamoDBOrleansOptions>(dynamo.Options(o => o.ReminderTableName = missing)),
            Options.Create(new ClusterOptions { ServiceId = _serviceId }),
            NullLogger<DynamoDBReminderTable>.Instance);

        var failures = new List<OrleansException>
        {
            await Assert.ThrowsAsync<OrleansException>(() => table.UpsertRow(Entry(Grain("a"), "r"))),
            await Assert.ThrowsAsync<OrleansException>(() => table.ReadRow(Grain("a"), "r")),
            await Assert.ThrowsAsync<OrleansException>(() => table.ReadRows(Grain("a"))),
            await Assert.ThrowsAsync<OrleansException>(() => table.ReadRows(1, 2)),
            await Assert.ThrowsAsync<OrleansException>(() => table.RemoveRow(Grain("a"), "r", "1")),
        };

        Assert.All(failures, e =>
        {
            Assert.Contains(missing, e.Message);
            Assert.Null(e.InnerException);
        });
    }

    private static bool InRange(uint hash, uint begin, uint end) =>
        begin < end ? hash > begin && hash <= end : hash > begin || hash <= end;

    private static GrainId Grain(string key) => GrainId.Create("reminded", key);

    private static ReminderEntry Entry(GrainId grain, string name, DateTime? startAt = null) => new()
    {
        GrainId = grain,
        ReminderName = name,
        StartAt = startAt ?? new DateTime(2026, 12, 7, 10, 0, 0, DateTimeKind.Utc),
        Period = TimeSpan.FromMinutes(1),
    };

    private async Task<DynamoDBReminderTable> CreateAsync(string serviceId)
    {
        var table = new DynamoDBReminderTable(
            new FixedOptionsMonitor<DynamoDBOrleansOptions>(dynamo.Options()),
            Options.Create(new ClusterOptions { ServiceId = serviceId, ClusterId = "reminder-tests" }),
            NullLogger<DynamoDBReminderTable>.Instance);
        await table.StartAsync();
        return table;
    }

    private async Task<Dictionary<string, AttributeValue>?> RawItem(string reminderId, uint grainHash)
    {
        var response = await dynamo.Client.GetItemAsync(new GetItemRequest
        {
            TableName = DynamoDBOrleansOptions.DefaultReminderTableName,
            ConsistentRead = true,
            Key = new()
            {
                ["ReminderId"] = new AttributeValue { S = reminderId },
                ["GrainHash"] = new AttributeValue { N = grainHash.ToString() },
            },
        });
        return response.Item is { Count: > 0 } item ? item : null;
    }
}
