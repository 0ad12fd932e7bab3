using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using MedImaging.Aws.Configuration;
using MedImaging.Aws.Signing;

namespace MedImaging.Aws.Sqs;

/// <summary>
/// Amazon SQS over its JSON 1.0 protocol (POST to the endpoint, <c>X-Amz-Target: AmazonSQS.&lt;Op&gt;</c>),
/// signed with SigV4 by the HttpClient's handler. Queue URLs are opaque ids: every call goes to the endpoint.
/// </summary>
public sealed class SqsClient(HttpClient httpClient) : IDisposable
{
    private const string ContentType = "application/x-amz-json-1.0";
    private const int MaxAttempts = 4;

    /// <summary>SQS's limit of entries per batch request.</summary>
    public const int MaxBatchEntries = 10;

    private static readonly JsonSerializerOptions Json = new()
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>Creates a client for the configured endpoint (emulator URL or the regional AWS endpoint).</summary>
    public static SqsClient Create(AwsOptions options)
    {
        var endpoint = AwsEndpoints.Sqs(options);
        var credentials = AwsCredentialSource.For(options, options.ServiceUrl.Sqs);
        // Long polls wait up to 20 s; leave room for the answer.
        return new SqsClient(SignedHttpClientFactory.Create(credentials, options.Region, "sqs", endpoint, TimeSpan.FromSeconds(45)));
    }

    public async Task<string> CreateQueueAsync(CreateQueueRequest request, CancellationToken cancellationToken = default)
    {
        var attributes = request.ToAttributes();
        var response = await InvokeAsync<WireQueueUrlResponse>(
            "CreateQueue", new WireCreateQueueRequest(request.QueueName, attributes.Count > 0 ? attributes : null), cancellationToken);
        return response.QueueUrl;
    }

    public async Task<string> GetQueueUrlAsync(string queueName, CancellationToken cancellationToken = default)
    {
        var response = await InvokeAsync<WireQueueUrlResponse>("GetQueueUrl", new WireGetQueueUrlRequest(queueName), cancellationToken);
        return response.QueueUrl;
    }

    public async Task<IReadOnlyDictionary<string, string>> GetQueueAttributesAsync(
        string queueUrl, IReadOnlyList<string>? attributeNames = null, CancellationToken cancellationToken = default)
    {
        var response = await InvokeAsync<WireGetQueueAttributesResponse>(
            "GetQueueAttributes", new WireGetQueueAttributesRequest(queueUrl, attributeNames ?? [SqsQueueAttributes.All]), cancellationToken);
        return response.Attributes ?? [];
    }

    public async Task<SendMessageResult> SendMessageAsync(SendMessageRequest request, CancellationToken cancellationToken = default)
    {
        var wire = new WireSendMessageRequest(
            request.QueueUrl,
            request.Body,
            request.DelaySeconds,
            request.MessageGroupId,
            request.MessageDeduplicationId,
            request.MessageAttributes?.ToDictionary(a => a.Key, a => new WireMessageAttribute(a.Value.DataType, a.Value.StringValue, a.Value.BinaryValue)));
        var response = await InvokeAsync<WireSendMessageResponse>("SendMessage", wire, cancellationToken);
        return new SendMessageResult(response.MessageId, response.SequenceNumber);
    }

    /// <summary>Sends up to 10 messages to one queue in one request; on a FIFO queue, a group's messages keep their order.</summary>
    /// <returns>The entries SQS did not accept (empty when all were); the request as a whole failing throws.</returns>
    public async Task<IReadOnlyList<SqsBatchEntryFailure>> SendMessageBatchAsync(IReadOnlyList<SendMessageRequest> requests, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(requests.Count, 1, nameof(requests));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(requests.Count, MaxBatchEntries, nameof(requests));
        var queueUrl = requests[0].QueueUrl;
        if (requests.Any(r => r.QueueUrl != queueUrl)) throw new ArgumentException("A batch goes to one queue.", nameof(requests));
        var entries = requests.Select((request, index) => new WireSendMessageBatchEntry(
            index.ToString(CultureInfo.InvariantCulture),
            request.Body,
            request.DelaySeconds,
            request.MessageGroupId,
            request.MessageDeduplicationId,
            request.MessageAttributes?.ToDictionary(a => a.Key, a => new WireMessageAttribute(a.Value.DataType, a.Value.StringValue, a.Value.BinaryValue)))).ToList();
        var response = await InvokeAsync<WireBatchResponse>("SendMessageBatch", new WireSendMessageBatchRequest(queueUrl, entries), cancellationToken);
        return BatchFailures(entries.Select(e => e.Id).ToList(), response);
    }

    public async Task<IReadOnlyList<SqsMessage>> ReceiveMessagesAsync(ReceiveMessageRequest request, CancellationToken cancellationToken = default)
    {
        var wire = new WireReceiveMessageRequest(
            request.QueueUrl,
            request.MaxNumberOfMessages,
            request.WaitTimeSeconds,
            request.VisibilityTimeout,
            request.SystemAttributeNames,
            request.SystemAttributeNames,
            request.MessageAttributeNames);
        var response = await InvokeAsync<WireReceiveMessageResponse>("ReceiveMessage", wire, cancellationToken);
        return response.Messages?.Select(ToMessage).ToList() ?? [];
    }

    public Task DeleteMessageAsync(string queueUrl, string receiptHandle, CancellationToken cancellationToken = default) =>
        InvokeAsync<JsonElement>("DeleteMessage", new WireDeleteMessageRequest(queueUrl, receiptHandle), cancellationToken);

    /// <summary>Deletes up to 10 messages in one request.</summary>
    /// <returns>The entries SQS did not delete (empty when all were); the request as a whole failing throws.</returns>
    public async Task<IReadOnlyList<SqsBatchEntryFailure>> DeleteMessageBatchAsync(
        string queueUrl, IReadOnlyList<string> receiptHandles, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(receiptHandles.Count, 1, nameof(receiptHandles));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(receiptHandles.Count, MaxBatchEntries, nameof(receiptHandles));
        var entries = receiptHandles.Select((handle, index) => new WireDeleteMessageBatchEntry(index.ToString(CultureInfo.InvariantCulture), handle)).ToList();
        var response = await InvokeAsync<WireBatchResponse>("DeleteMessageBatch", new WireDeleteMessageBatchRequest(queueUrl, entries), cancellationToken);
        return BatchFailures(entries.Select(e => e.Id).ToList(), response);
    }

    /// <summary>Resets the message's visibility timeout to <paramref name="visibilityTimeoutSeconds"/> from now (0..43200).</summary>
    public Task ChangeMessageVisibilityAsync(string queueUrl, string receiptHandle, int visibilityTimeoutSeconds, CancellationToken cancellationToken = default) =>
        InvokeAsync<JsonElement>("ChangeMessageVisibility", new WireChangeMessageVisibilityRequest(queueUrl, receiptHandle, visibilityTimeoutSeconds), cancellationToken);

    public Task DeleteQueueAsync(string queueUrl, CancellationToken cancellationToken = default) =>
        InvokeAsync<JsonElement>("DeleteQueue", new WireDeleteQueueRequest(queueUrl), cancellationToken);

    public Task PurgeQueueAsync(string queueUrl, CancellationToken cancellationToken = default) =>
        InvokeAsync<JsonElement>("PurgeQueue", new WirePurgeQueueRequest(queueUrl), cancellationToken);

    public void Dispose() => httpClient.Dispose();

    // An entry the answer names neither as done nor as failed is taken as failed.
    private static List<SqsBatchEntryFailure> BatchFailures(IReadOnlyList<string> entryIds, WireBatchResponse response)
    {
        var byId = entryIds.Select((id, index) => (Id: id, Index: index)).ToDictionary(e => e.Id, e => e.Index, StringComparer.Ordinal);
        var failures = (response.Failed ?? [])
            .Where(f => byId.ContainsKey(f.Id))
            .Select(f => new SqsBatchEntryFailure(byId[f.Id], f.Code ?? "Unknown", f.Message ?? "", f.SenderFault))
            .ToList();
        var answered = (response.Successful ?? []).Select(s => s.Id).Concat(failures.Select(f => entryIds[f.Index])).ToHashSet(StringComparer.Ordinal);
        failures.AddRange(entryIds.Where(id => !answered.Contains(id))
            .Select(id => new SqsBatchEntryFailure(byId[id], "MissingResult", "SQS did not answer for this entry", false)));
        return failures;
    }

    private static SqsMessage ToMessage(WireReceivedMessage message) => new(
        message.MessageId,
        message.ReceiptHandle,
        message.Body ?? "",
        message.Attributes ?? [],
        message.MessageAttributes?.ToDictionary(a => a.Key, a => new SqsMessageAttribute(a.Value.DataType, a.Value.StringValue, a.Value.BinaryValue))
            ?? []);

    private async Task<TResponse> InvokeAsync<TResponse>(string operation, object request, CancellationToken cancellationToken)
    {
        using var activity = AwsTelemetry.StartCall("SQS", operation);
        var body = JsonSerializer.SerializeToUtf8Bytes(request, request.GetType(), Json);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await SendOnceAsync<TResponse>(operation, body, cancellationToken);
            }
            catch (Exception error) when (attempt < MaxAttempts && IsTransient(error, cancellationToken))
            {
                activity?.AddEvent(new ActivityEvent("retry"));
                await Task.Delay(Backoff(attempt), cancellationToken);
            }
            catch (Exception error)
            {
                activity?.SetStatus(ActivityStatusCode.Error, error is SqsException sqs ? sqs.ErrorCode : error.GetType().Name);
                throw;
            }
        }
    }

    private async Task<TResponse> SendOnceAsync<TResponse>(string operation, byte[] body, CancellationToken cancellationToken)
    {
        using var message = new HttpRequestMessage(HttpMethod.Post, "");
        message.Headers.Add("X-Amz-Target", "AmazonSQS." + operation);
        message.Content = new ByteArrayContent(body);
        message.Content.Headers.ContentType = new MediaTypeHeaderValue(ContentType);
        using var response = await httpClient.SendAsync(message, cancellationToken);
        var payload = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw ParseError(response.StatusCode, payload);
        }
        if (payload.Length == 0)
        {
            return JsonSerializer.Deserialize<TResponse>("{}"u8, Json)!;
        }
        return JsonSerializer.Deserialize<TResponse>(payload, Json)
            ?? throw new SqsException("InvalidResponse", $"{operation} answered null", response.StatusCode);
    }

    private static SqsException ParseError(HttpStatusCode statusCode, byte[] payload)
    {
        var code = "Unknown";
        var text = Encoding.UTF8.GetString(payload);
        try
        {
            using var document = JsonDocument.Parse(payload);
            var root = document.RootElement;
            if (root.TryGetProperty("__type", out var type) && type.GetString() is { } typeName)
            {
                code = typeName[(typeName.LastIndexOf('#') + 1)..];
            }
            if (root.TryGetProperty("message", out var lower) || root.TryGetProperty("Message", out lower))
            {
                text = lower.GetString() ?? "";
            }
        }
        catch (JsonException)
        {
            code = statusCode.ToString();
        }
        return SqsException.Create(code, text.Length > 500 ? text[..500] : text, statusCode);
    }

    private static bool IsTransient(Exception error, CancellationToken cancellationToken) => error switch
    {
        SqsException sqs => sqs.IsTransient,
        HttpRequestException => true,
        TaskCanceledException => !cancellationToken.IsCancellationRequested, // HttpClient timeout
        _ => false,
    };

    private static TimeSpan Backoff(int attempt) =>
        TimeSpan.FromMilliseconds(Random.Shared.Next(50, 100 * (1 << attempt)));
}
