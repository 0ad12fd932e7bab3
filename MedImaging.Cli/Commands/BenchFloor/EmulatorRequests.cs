using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace MedImaging.Cli.Commands.BenchFloor;

/// <summary>
/// The fewest, cheapest requests to the local emulators, sent as raw HTTP: no SDK, no signing (the emulators accept any
/// signature), no retries, so that the client's own cost is as small as it can be. Any refusal throws
/// <see cref="HttpRequestException"/> with the emulator's answer.
/// </summary>
public sealed class EmulatorRequests(HttpClient http, Uri dynamoDb, Uri fauxqs) : IDisposable
{
    private const string Authorization = "AWS4-HMAC-SHA256 Credential=bench/20260101/us-east-1/{0}/aws4_request, SignedHeaders=host, Signature=00";
    private static readonly MediaTypeHeaderValue Json10 = new("application/x-amz-json-1.0");
    private static readonly MediaTypeHeaderValue FormUrlEncoded = new("application/x-www-form-urlencoded");

    public async Task CreateBucketAsync(string bucket) =>
        await SendAsync(Request(HttpMethod.Put, new Uri(fauxqs, "/" + bucket), "s3"), "CreateBucket");

    public async Task PutObjectAsync(string bucket, string key, byte[] body, string contentType)
    {
        var request = Request(HttpMethod.Put, ObjectUri(bucket, key), "s3");
        request.Headers.Add("x-amz-content-sha256", "UNSIGNED-PAYLOAD");
        request.Content = new ByteArrayContent(body);
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        await SendAsync(request, "PutObject");
    }

    public async Task<int> GetObjectAsync(string bucket, string key)
    {
        using var response = await SendAsync(Request(HttpMethod.Get, ObjectUri(bucket, key), "s3"), "GetObject");
        return (await response.Content.ReadAsByteArrayAsync()).Length;
    }

    public async Task<string> CreateFifoQueueAsync(string name)
    {
        var answer = await JsonAsync(fauxqs, "sqs", "AmazonSQS.CreateQueue",
            new JsonObject { ["QueueName"] = name, ["Attributes"] = new JsonObject { ["FifoQueue"] = "true" } });
        return answer["QueueUrl"]!.GetValue<string>();
    }

    public async Task SendMessageBatchAsync(string queueUrl, IReadOnlyList<(string Group, string Body)> messages)
    {
        var entries = new JsonArray();
        for (var i = 0; i < messages.Count; i++)
            entries.Add(new JsonObject
            {
                ["Id"] = i.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["MessageBody"] = messages[i].Body,
                ["MessageGroupId"] = messages[i].Group,
                ["MessageDeduplicationId"] = Guid.NewGuid().ToString("N"),
            });
        var answer = await JsonAsync(fauxqs, "sqs", "AmazonSQS.SendMessageBatch", new JsonObject { ["QueueUrl"] = queueUrl, ["Entries"] = entries });
        if (answer["Failed"] is JsonArray { Count: > 0 } failed)
            throw new HttpRequestException($"SendMessageBatch refused {failed.Count} entries: {failed[0]}");
    }

    /// <returns>The receipt handles of what was received.</returns>
    public async Task<IReadOnlyList<string>> ReceiveMessagesAsync(string queueUrl, int max)
    {
        var answer = await JsonAsync(fauxqs, "sqs", "AmazonSQS.ReceiveMessage",
            new JsonObject { ["QueueUrl"] = queueUrl, ["MaxNumberOfMessages"] = max, ["WaitTimeSeconds"] = 0 });
        return answer["Messages"] is JsonArray messages ? [.. messages.Select(m => m!["ReceiptHandle"]!.GetValue<string>())] : [];
    }

    public async Task DeleteMessageBatchAsync(string queueUrl, IReadOnlyList<string> receiptHandles)
    {
        var entries = new JsonArray([.. receiptHandles.Select((handle, i) => (JsonNode)new JsonObject { ["Id"] = $"d{i}", ["ReceiptHandle"] = handle })]);
        var answer = await JsonAsync(fauxqs, "sqs", "AmazonSQS.DeleteMessageBatch", new JsonObject { ["QueueUrl"] = queueUrl, ["Entries"] = entries });
        if (answer["Failed"] is JsonArray { Count: > 0 } failed)
            throw new HttpRequestException($"DeleteMessageBatch refused {failed.Count} entries: {failed[0]}");
    }

    public async Task<string> CreateTopicAsync(string name)
    {
        var answer = await QueryAsync("CreateTopic", [new("Name", name)]);
        return Between(answer, "<TopicArn>", "</TopicArn>");
    }

    public async Task PublishAsync(string topicArn, string message) =>
        await QueryAsync("Publish", [new("TopicArn", topicArn), new("Message", message)]);

    /// <summary>A table shaped like the study table: PK/SK and a status index over GSI1PK/GSI1SK.</summary>
    public async Task CreateTableAsync(string name)
    {
        JsonObject Attribute(string attribute) => new() { ["AttributeName"] = attribute, ["AttributeType"] = "S" };
        JsonArray Keys(string hash, string range) =>
            [new JsonObject { ["AttributeName"] = hash, ["KeyType"] = "HASH" }, new JsonObject { ["AttributeName"] = range, ["KeyType"] = "RANGE" }];
        await JsonAsync(dynamoDb, "dynamodb", "DynamoDB_20120810.CreateTable", new JsonObject
        {
            ["TableName"] = name,
            ["BillingMode"] = "PAY_PER_REQUEST",
            ["AttributeDefinitions"] = new JsonArray(Attribute("PK"), Attribute("SK"), Attribute("GSI1PK"), Attribute("GSI1SK")),
            ["KeySchema"] = Keys("PK", "SK"),
            ["GlobalSecondaryIndexes"] = new JsonArray(new JsonObject
            {
                ["IndexName"] = "GSI1",
                ["KeySchema"] = Keys("GSI1PK", "GSI1SK"),
                ["Projection"] = new JsonObject { ["ProjectionType"] = "ALL" },
            }),
        });
    }

    /// <summary>Unconditional puts, at most 25: cheaper per item for DynamoDB than any conditional write.</summary>
    public async Task BatchWriteAsync(string table, IReadOnlyList<JsonObject> items)
    {
        var writes = new JsonArray([.. items.Select(item => (JsonNode)new JsonObject { ["PutRequest"] = new JsonObject { ["Item"] = item } })]);
        var answer = await JsonAsync(dynamoDb, "dynamodb", "DynamoDB_20120810.BatchWriteItem",
            new JsonObject { ["RequestItems"] = new JsonObject { [table] = writes } });
        if (answer["UnprocessedItems"] is JsonObject { Count: > 0 })
            throw new HttpRequestException("BatchWriteItem left items unprocessed");
    }

    public void Dispose() => http.Dispose();

    private Uri ObjectUri(string bucket, string key) => new(fauxqs, $"/{bucket}/{Uri.EscapeDataString(key).Replace("%2F", "/", StringComparison.Ordinal)}");

    private static HttpRequestMessage Request(HttpMethod method, Uri uri, string service)
    {
        var request = new HttpRequestMessage(method, uri);
        request.Headers.TryAddWithoutValidation("Authorization", string.Format(System.Globalization.CultureInfo.InvariantCulture, Authorization, service));
        request.Headers.TryAddWithoutValidation("X-Amz-Date", "20260101T000000Z");
        return request;
    }

    private async Task<JsonNode> JsonAsync(Uri endpoint, string service, string target, JsonObject body)
    {
        var request = Request(HttpMethod.Post, endpoint, service);
        request.Headers.TryAddWithoutValidation("X-Amz-Target", target);
        request.Content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(body, FloorJson.Default.JsonObject));
        request.Content.Headers.ContentType = Json10;
        using var response = await SendAsync(request, target);
        return JsonNode.Parse(await response.Content.ReadAsByteArrayAsync()) ?? new JsonObject();
    }

    private async Task<string> QueryAsync(string action, IReadOnlyList<KeyValuePair<string, string>> parameters)
    {
        var request = Request(HttpMethod.Post, fauxqs, "sns");
        request.Content = new FormUrlEncodedContent([new("Action", action), new("Version", "2010-03-31"), .. parameters]);
        request.Content.Headers.ContentType = FormUrlEncoded;
        using var response = await SendAsync(request, action);
        return await response.Content.ReadAsStringAsync();
    }

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, string operation)
    {
        using (request)
        {
            var response = await http.SendAsync(request);
            if (response.IsSuccessStatusCode) return response;
            var body = await response.Content.ReadAsStringAsync();
            response.Dispose();
            throw new HttpRequestException($"{operation} refused ({(int)response.StatusCode}): {body[..Math.Min(body.Length, 300)]}");
        }
    }

    private static string Between(string text, string start, string end)
    {
        var from = text.IndexOf(start, StringComparison.Ordinal);
        var to = from < 0 ? -1 : text.IndexOf(end, from + start.Length, StringComparison.Ordinal);
        return to < 0 ? throw new HttpRequestException($"no {start} in the answer") : text[(from + start.Length)..to];
    }
}
