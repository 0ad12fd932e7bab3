using System.Net;
using System.Text;
using System.Text.Json;
using Amazon.DynamoDBv2;
using MedImaging.Aws.Configuration;
using MedImaging.Aws.Dynamo;
using MedImaging.Studies;
using MedImaging.Tests.Aws.S3;

namespace MedImaging.Tests.Aws.Dynamo;

/// <summary>
/// The study table on the SDK client against a loopback fake giving the answers DynamoDB Local never gives:
/// throttling and server faults are retried (a transaction under one ClientRequestToken), validation errors and
/// cancelled transactions are not, a failed version condition is a <see cref="StudyConcurrencyException"/>, and an
/// answer that is not JSON is an error, not a crash.
/// </summary>
public sealed class StudyTableFaultTests
{
    private const string ErrorPrefix = "com.amazonaws.dynamodb.v20120810#";
    private static readonly DateTimeOffset Now = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);

    private static S3FakeAnswer Error(int status, string type, string extra = "") => new(status,
        Encoding.UTF8.GetBytes($$"""{"__type":"{{ErrorPrefix}}{{type}}","message":"test {{type}}"{{extra}}}"""), ContentType: "application/x-amz-json-1.0");

    private static readonly S3FakeAnswer Ok = new(200, "{}"u8.ToArray(), ContentType: "application/x-amz-json-1.0");

    private static StudyTable TableFor(S3FakeServer server) =>
        new(AwsSdkClients.CreateDynamoDb(new AwsOptions { ServiceUrl = new AwsServiceUrls { DynamoDb = server.Url } }), "studies");

    private static InstanceRecord Instance(string id) =>
        new(id, InstanceStatus.Done, "ingest", $"incoming/x/{id}", "application/dicom", 10, new string('0', 64), Now, Now);

    private static string? TokenOf(S3FakeRequest request) =>
        JsonDocument.Parse(request.Body).RootElement.TryGetProperty("ClientRequestToken", out var token) ? token.GetString() : null;

    [Fact]
    public async Task A_throttled_save_is_retried_under_one_client_request_token_and_is_signed()
    {
        var answers = new Queue<S3FakeAnswer>([Error(400, "ThrottlingException"), Error(400, "ProvisionedThroughputExceededException"), Ok]);
        using var server = new S3FakeServer(_ => answers.Dequeue());

        var version = await TableFor(server).SaveAsync(StudyRecord.New("1.2.3", Now), [Instance("1.2.3.1")], 0);

        Assert.Equal(1, version);
        Assert.Equal(3, server.Received.Count);
        var token = Assert.Single(server.Received.Select(TokenOf).Distinct());
        Assert.False(string.IsNullOrEmpty(token));
        var request = server.Received[0];
        Assert.Equal("DynamoDB_20120810.TransactWriteItems", request.Headers["x-amz-target"]);
        Assert.Contains("/dynamodb/aws4_request", request.Headers["authorization"]);
    }

    [Fact]
    public async Task A_server_fault_that_persists_is_thrown_after_the_last_attempt_with_its_status()
    {
        using var server = new S3FakeServer(_ => Error(500, "InternalServerError"));

        var error = await Assert.ThrowsAnyAsync<AmazonDynamoDBException>(() => TableFor(server).GetVersionAsync("1.2.3"));

        Assert.Equal(("InternalServerError", HttpStatusCode.InternalServerError), (error.ErrorCode, error.StatusCode));
        Assert.InRange(server.Received.Count, 2, 10);
    }

    [Fact]
    public async Task An_answer_that_is_not_json_is_retried()
    {
        var answers = new Queue<S3FakeAnswer>([new S3FakeAnswer(502, "<html>bad gateway</html>"u8.ToArray(), ContentType: "text/html"), Ok]);
        using var server = new S3FakeServer(_ => answers.Dequeue());

        Assert.Null(await TableFor(server).LoadAsync("1.2.3"));
        Assert.Equal(2, server.Received.Count);
    }

    [Fact]
    public async Task A_validation_error_is_thrown_at_once()
    {
        using var server = new S3FakeServer(_ => Error(400, "ValidationException"));

        var error = await Assert.ThrowsAnyAsync<AmazonDynamoDBException>(() => TableFor(server).CreateIfAbsentAsync(StudyRecord.New("1.2.3", Now)));

        Assert.Equal(("ValidationException", "test ValidationException"), (error.ErrorCode, error.Message));
        Assert.Single(server.Received);
    }

    [Fact]
    public async Task A_failed_version_condition_of_a_lone_save_is_a_concurrency_conflict_sent_once()
    {
        using var server = new S3FakeServer(_ => Error(400, "ConditionalCheckFailedException"));

        await Assert.ThrowsAsync<StudyConcurrencyException>(() => TableFor(server).SaveAsync(StudyRecord.New("1.2.3", Now), [], 4));

        Assert.Equal("DynamoDB_20120810.PutItem", Assert.Single(server.Received).Headers["x-amz-target"]);
    }

    [Fact]
    public async Task A_transaction_cancelled_on_the_study_condition_is_a_concurrency_conflict_and_is_not_retried()
    {
        using var server = new S3FakeServer(_ => Error(400, "TransactionCanceledException",
            ""","CancellationReasons":[{"Code":"ConditionalCheckFailed","Message":"The conditional request failed"},{"Code":"None"}]"""));

        await Assert.ThrowsAsync<StudyConcurrencyException>(() => TableFor(server).SaveAsync(StudyRecord.New("1.2.3", Now), [Instance("1.2.3.1")], 2));

        Assert.Single(server.Received);
    }

    [Fact]
    public async Task A_truncated_answer_is_an_error_not_a_crash()
    {
        using var server = new S3FakeServer(_ => new S3FakeAnswer(200, """{"Items":[{"PK":{"S":"a"}"""u8.ToArray(), ContentType: "application/x-amz-json-1.0"));

        await Assert.ThrowsAnyAsync<Exception>(() => TableFor(server).LoadAsync("1.2.3"));
    }
}
