using System.Net;
using System.Text;
using System.Text.Json;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using MedImaging.Aws.Configuration;
using MedImaging.Aws.DynamoDb;
using MedImaging.Tests.Aws.S3;

namespace MedImaging.Tests.Aws.DynamoDb;

/// <summary>
/// Answers DynamoDB Local never gives, from a loopback fake: throttling and server faults are retried (a transaction
/// with the same ClientRequestToken), validation errors and cancelled transactions are not, and each comes back as the
/// SDK's exception type.
/// </summary>
public sealed class DynamoDbClientFaultTests
{
    private const string ErrorPrefix = "com.amazonaws.dynamodb.v20120810#";

    private static S3FakeAnswer Error(int status, string type, string extra = "") => new(status,
        Encoding.UTF8.GetBytes($$"""{"__type":"{{ErrorPrefix}}{{type}}","message":"test {{type}}"{{extra}}}"""), ContentType: "application/x-amz-json-1.0");

    private static readonly S3FakeAnswer Ok = new(200, "{}"u8.ToArray(), ContentType: "application/x-amz-json-1.0");

    private static DynamoDbClient ClientFor(S3FakeServer server) =>
        DynamoDbClient.Create(new AwsOptions { ServiceUrl = new AwsServiceUrls { DynamoDb = server.Url } });

    private static TransactWriteItemsRequest Transaction() => new()
    {
        TransactItems =
        [
            new TransactWriteItem { Put = new Put { TableName = "studies", Item = new() { ["PK"] = new("a"), ["SK"] = new("META") } } },
            new TransactWriteItem { Put = new Put { TableName = "studies", Item = new() { ["PK"] = new("b"), ["SK"] = new("META") } } },
        ],
    };

    private static string TokenOf(S3FakeRequest request) =>
        JsonDocument.Parse(request.Body).RootElement.GetProperty("ClientRequestToken").GetString()!;

    [Fact]
    public async Task A_throttled_transaction_is_retried_with_the_same_client_request_token_and_is_signed()
    {
        var answers = new Queue<S3FakeAnswer>([Error(400, "ThrottlingException"), Error(400, "ProvisionedThroughputExceededException"), Ok]);
        using var server = new S3FakeServer(_ => answers.Dequeue());
        using var client = ClientFor(server);

        await client.TransactWriteItemsAsync(Transaction());

        Assert.Equal(3, server.Received.Count);
        Assert.Single(server.Received.Select(TokenOf).Distinct());
        var request = server.Received[0];
        Assert.Equal("DynamoDB_20120810.TransactWriteItems", request.Headers["x-amz-target"]);
        Assert.Equal("application/x-amz-json-1.0", request.Headers["content-type"]);
        Assert.Contains("/dynamodb/aws4_request,SignedHeaders=content-type;host;x-amz-content-sha256;x-amz-date;x-amz-target,", request.Headers["authorization"]);
        Assert.Equal(
            """{"TransactItems":[{"Put":{"TableName":"studies","Item":{"PK":{"S":"a"},"SK":{"S":"META"}}}},{"Put":{"TableName":"studies","Item":{"PK":{"S":"b"},"SK":{"S":"META"}}}}],"ClientRequestToken":"""
            + $"\"{TokenOf(request)}\"}}",
            Encoding.UTF8.GetString(request.Body));
    }

    [Fact]
    public async Task A_server_fault_that_persists_is_thrown_after_the_last_attempt_with_its_status()
    {
        using var server = new S3FakeServer(_ => Error(500, "InternalServerError"));
        using var client = ClientFor(server);

        var error = await Assert.ThrowsAsync<AmazonDynamoDBException>(() =>
            client.GetItemAsync(new GetItemRequest { TableName = "studies", Key = new() { ["PK"] = new("a"), ["SK"] = new("META") } }));

        Assert.Equal("InternalServerError", error.ErrorCode);
        Assert.Equal(HttpStatusCode.InternalServerError, error.StatusCode);
        Assert.Equal(DynamoDbClient.DefaultMaxAttempts, server.Received.Count);
    }

    [Fact]
    public async Task An_answer_that_is_not_json_is_an_error_named_after_its_status_and_is_retried()
    {
        var answers = new Queue<S3FakeAnswer>([new S3FakeAnswer(502, "<html>bad gateway</html>"u8.ToArray(), ContentType: "text/html"), Ok]);
        using var server = new S3FakeServer(_ => answers.Dequeue());
        using var client = ClientFor(server);

        var response = await client.QueryAsync(new QueryRequest { TableName = "studies", KeyConditionExpression = "PK = :pk" });

        Assert.Empty(response.Items);
        Assert.Null(response.LastEvaluatedKey);
        Assert.Equal(2, server.Received.Count);
    }

    [Fact]
    public async Task A_validation_error_is_thrown_at_once()
    {
        using var server = new S3FakeServer(_ => Error(400, "ValidationException"));
        using var client = ClientFor(server);

        var error = await Assert.ThrowsAsync<AmazonDynamoDBException>(() =>
            client.PutItemAsync(new PutItemRequest { TableName = "studies", Item = new() { ["PK"] = new("a") } }));

        Assert.Equal("ValidationException", error.ErrorCode);
        Assert.Equal("test ValidationException", error.Message);
        Assert.Single(server.Received);
    }

    [Fact]
    public async Task A_cancelled_transaction_carries_its_reasons_in_item_order_and_is_not_retried()
    {
        using var server = new S3FakeServer(_ => Error(400, "TransactionCanceledException",
            ""","CancellationReasons":[{"Code":"None"},{"Code":"ConditionalCheckFailed","Message":"The conditional request failed","Item":{"version":{"N":"3"}}}]"""));
        using var client = ClientFor(server);

        var error = await Assert.ThrowsAsync<TransactionCanceledException>(() => client.TransactWriteItemsAsync(Transaction()));

        Assert.Equal(["None", "ConditionalCheckFailed"], error.CancellationReasons.Select(r => r.Code));
        Assert.Equal("The conditional request failed", error.CancellationReasons[1].Message);
        Assert.Equal("3", error.CancellationReasons[1].Item["version"].N);
        Assert.Single(server.Received);
    }

    [Fact]
    public async Task A_query_answer_is_read_with_its_items_counts_and_last_key()
    {
        using var server = new S3FakeServer(_ => new S3FakeAnswer(200, """
            {"Count":2,"Items":[{"PK":{"S":"a"},"n":{"N":"1"},"l":{"L":[{"BOOL":false},{"NULL":true}]}},{"PK":{"S":"b"},"m":{"M":{}}}],
             "LastEvaluatedKey":{"PK":{"S":"b"}},"ScannedCount":3,"ConsumedCapacity":{"TableName":"studies","CapacityUnits":0.5}}
            """u8.ToArray(), ContentType: "application/x-amz-json-1.0"));
        using var client = ClientFor(server);

        var response = await client.QueryAsync(new QueryRequest { TableName = "studies", KeyConditionExpression = "PK = :pk", Limit = 2 });

        Assert.Equal((2, 3), (response.Count, response.ScannedCount));
        Assert.Equal(["a", "b"], response.Items.Select(i => i["PK"].S));
        Assert.Equal("1", response.Items[0]["n"].N);
        Assert.Equal([false], response.Items[0]["l"].L.Take(1).Select(v => v.BOOL!.Value));
        Assert.True(response.Items[0]["l"].L[1].NULL);
        Assert.Empty(response.Items[1]["m"].M);
        Assert.Equal("b", response.LastEvaluatedKey["PK"].S);
        Assert.Contains("\"Limit\":2", Encoding.UTF8.GetString(server.Received[0].Body));
    }

    [Fact]
    public async Task A_truncated_answer_is_a_typed_error_not_a_crash()
    {
        using var server = new S3FakeServer(_ => new S3FakeAnswer(200, """{"Items":[{"PK":{"S":"a"}"""u8.ToArray(), ContentType: "application/x-amz-json-1.0"));
        using var client = ClientFor(server);

        await Assert.ThrowsAnyAsync<JsonException>(() => client.QueryAsync(new QueryRequest { TableName = "studies", KeyConditionExpression = "PK = :pk" }));
    }
}
