using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using MedImaging.Aws.DynamoDb;
using MedImaging.Tests.AppHost.Emulators;
using MedImaging.Tests.ServiceHosting;
using static MedImaging.Aws.Dynamo.StudyTableSchema;

namespace MedImaging.Tests.Aws.DynamoDb;

/// <summary>
/// Our DynamoDB item client against DynamoDB Local, with the SDK's client as the oracle: what one writes the other
/// reads back identically, pages and errors come back as the SDK would give them.
/// </summary>
[Collection(AwsEmulatorCollection.Name)]
public sealed class DynamoDbClientTests(AwsEmulatorFixture emulators) : ProvisionedAwsTest(emulators)
{
    private readonly OperationCounter _requests = new();
    private DynamoDbClient _client = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _client = DynamoDbClient.Create(Aws.Options, _requests);
    }

    public override Task DisposeAsync()
    {
        _client.Dispose();
        return base.DisposeAsync();
    }

    [Fact]
    public async Task Every_attribute_type_written_by_one_client_reads_back_the_same_through_the_other()
    {
        var (ours, theirs) = (Item(NewPartition(), "ours"), Item(NewPartition(), "theirs"));

        await _client.PutItemAsync(new PutItemRequest { TableName = Resources.StudyTable, Item = ours });
        await Aws.DynamoDb.PutItemAsync(new PutItemRequest { TableName = Resources.StudyTable, Item = theirs });
        var readBySdk = await Aws.DynamoDb.GetItemAsync(new GetItemRequest { TableName = Resources.StudyTable, Key = KeyOf(ours), ConsistentRead = true });
        var readByUs = await _client.GetItemAsync(new GetItemRequest { TableName = Resources.StudyTable, Key = KeyOf(theirs), ConsistentRead = true });

        Assert.Equal(AttributeText.Describe(ours), AttributeText.Describe(readBySdk.Item));
        Assert.Equal(AttributeText.Describe(theirs), AttributeText.Describe(readByUs.Item));
    }

    [Fact]
    public async Task A_projection_reads_only_the_named_attribute_and_a_missing_item_reads_as_null()
    {
        var item = Item(NewPartition(), "projected");
        await _client.PutItemAsync(new PutItemRequest { TableName = Resources.StudyTable, Item = item });

        var projected = await _client.GetItemAsync(new GetItemRequest
        {
            TableName = Resources.StudyTable, Key = KeyOf(item), ConsistentRead = true,
            ProjectionExpression = "#n", ExpressionAttributeNames = new() { ["#n"] = "number" },
        });
        var missing = await _client.GetItemAsync(new GetItemRequest { TableName = Resources.StudyTable, Key = KeyOf(Item(NewPartition(), "none")) });

        Assert.Equal(["number"], projected.Item.Keys);
        Assert.Equal("-12500.25", projected.Item["number"].N);
        Assert.Null(missing.Item);
    }

    [Fact]
    public async Task A_query_pages_through_a_partition_in_either_order()
    {
        var partition = NewPartition();
        var sortKeys = Enumerable.Range(0, 5).Select(i => $"item-{i}").ToList();
        foreach (var sortKey in sortKeys)
            await _client.PutItemAsync(new PutItemRequest { TableName = Resources.StudyTable, Item = Item(partition, sortKey) });

        async Task<(List<string> SortKeys, int Pages)> ReadAll(bool forward)
        {
            var (found, pages) = (new List<string>(), 0);
            Dictionary<string, AttributeValue>? startKey = null;
            do
            {
                var page = await _client.QueryAsync(new QueryRequest
                {
                    TableName = Resources.StudyTable,
                    ConsistentRead = true,
                    KeyConditionExpression = "#pk = :pk",
                    ExpressionAttributeNames = new() { ["#pk"] = PartitionKey },
                    ExpressionAttributeValues = new() { [":pk"] = new AttributeValue(partition) },
                    ScanIndexForward = forward,
                    Limit = 2,
                    ExclusiveStartKey = startKey,
                });
                Assert.Equal(page.Items.Count, page.Count);
                found.AddRange(page.Items.Select(i => i[SortKey].S));
                pages++;
                startKey = page.LastEvaluatedKey is { Count: > 0 } next ? next : null;
            } while (startKey is not null);
            return (found, pages);
        }

        var forward = await ReadAll(forward: true);
        var backward = await ReadAll(forward: false);

        Assert.Equal(sortKeys, forward.SortKeys);
        Assert.InRange(forward.Pages, 3, 4);
        Assert.Equal(Enumerable.Reverse(sortKeys), backward.SortKeys);
    }

    [Fact]
    public async Task A_failed_condition_is_a_ConditionalCheckFailedException_and_is_not_retried()
    {
        var item = Item(NewPartition(), "once");
        var put = new PutItemRequest
        {
            TableName = Resources.StudyTable, Item = item,
            ConditionExpression = "attribute_not_exists(#pk)", ExpressionAttributeNames = new() { ["#pk"] = PartitionKey },
        };
        await _client.PutItemAsync(put);
        var before = _requests["PutItem"];

        var error = await Assert.ThrowsAsync<ConditionalCheckFailedException>(() => _client.PutItemAsync(put));

        Assert.Equal("ConditionalCheckFailedException", error.ErrorCode);
        Assert.Equal(before + 1, _requests["PutItem"]);
    }

    [Fact]
    public async Task A_cancelled_transaction_names_the_failed_condition_per_item_and_writes_nothing()
    {
        var existing = Item(NewPartition(), "existing");
        await _client.PutItemAsync(new PutItemRequest { TableName = Resources.StudyTable, Item = existing });
        var fresh = Item(NewPartition(), "fresh");
        Put IfAbsent(Dictionary<string, AttributeValue> item) => new()
        {
            TableName = Resources.StudyTable, Item = item,
            ConditionExpression = "attribute_not_exists(#pk)", ExpressionAttributeNames = new() { ["#pk"] = PartitionKey },
        };

        var error = await Assert.ThrowsAsync<TransactionCanceledException>(() => _client.TransactWriteItemsAsync(new TransactWriteItemsRequest
        {
            TransactItems = [new TransactWriteItem { Put = IfAbsent(fresh) }, new TransactWriteItem { Put = IfAbsent(existing) }],
        }));

        Assert.Equal(["None", "ConditionalCheckFailed"], error.CancellationReasons.Select(r => r.Code));
        var notWritten = await _client.GetItemAsync(new GetItemRequest { TableName = Resources.StudyTable, Key = KeyOf(fresh), ConsistentRead = true });
        Assert.Null(notWritten.Item);
        Assert.Equal(1, _requests["TransactWriteItems"]);
    }

    [Fact]
    public async Task An_invalid_request_is_a_ValidationException_sent_once()
    {
        var withoutSortKey = new Dictionary<string, AttributeValue> { [PartitionKey] = new(NewPartition()) };

        var error = await Assert.ThrowsAsync<AmazonDynamoDBException>(() =>
            _client.PutItemAsync(new PutItemRequest { TableName = Resources.StudyTable, Item = withoutSortKey }));

        Assert.Equal("ValidationException", error.ErrorCode);
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, error.StatusCode);
        Assert.Equal(1, _requests["PutItem"]);
    }

    private static string NewPartition() => "TEST#" + Guid.NewGuid().ToString("N");

    private static Dictionary<string, AttributeValue> KeyOf(Dictionary<string, AttributeValue> item) =>
        new() { [PartitionKey] = item[PartitionKey], [SortKey] = item[SortKey] };

    private static Dictionary<string, AttributeValue> Item(string partition, string sortKey) => new()
    {
        [PartitionKey] = new AttributeValue(partition),
        [SortKey] = new AttributeValue(sortKey),
        ["text"] = new AttributeValue("ünïcødé \"quoted\" \\ / \n tab\t"),
        ["number"] = new AttributeValue { N = "-12500.25" },
        ["binary"] = new AttributeValue { B = new MemoryStream([0, 1, 2, 254, 255]) },
        ["yes"] = new AttributeValue { BOOL = true },
        ["no"] = new AttributeValue { BOOL = false },
        ["nothing"] = new AttributeValue { NULL = true },
        ["map"] = new AttributeValue { M = new() { ["inner"] = new AttributeValue("x"), ["deeper"] = new AttributeValue { M = new() { ["n"] = new AttributeValue { N = "1" } } } } },
        ["emptyMap"] = new AttributeValue { M = [] },
        ["list"] = new AttributeValue { L = [new AttributeValue("a"), new AttributeValue { N = "2" }, new AttributeValue { L = [] }] },
        ["strings"] = new AttributeValue { SS = ["b", "a"] },
        ["numbers"] = new AttributeValue { NS = ["1", "2.5"] },
        ["binaries"] = new AttributeValue { BS = [new MemoryStream([1]), new MemoryStream([2, 3])] },
    };
}
