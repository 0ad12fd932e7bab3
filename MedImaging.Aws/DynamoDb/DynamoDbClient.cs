using System.Diagnostics;
using System.Net.Http.Headers;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using MedImaging.Aws.Configuration;
using MedImaging.Aws.Signing;

namespace MedImaging.Aws.DynamoDb;

/// <summary>
/// The DynamoDB item operations of the study hot path (PutItem, TransactWriteItems, GetItem, Query) over the JSON 1.0
/// protocol (POST to the endpoint, <c>X-Amz-Target: DynamoDB_20120810.&lt;Op&gt;</c>), signed by
/// <see cref="AwsProtocolSigningHandler"/>: none of the SDK's per-call endpoint resolution, handler pipeline or
/// marshalling. Requests, answers and errors are the SDK's own types (ConditionalCheckFailedException,
/// TransactionCanceledException with its per-item reasons, AmazonDynamoDBException), so a caller can go back to
/// <see cref="IAmazonDynamoDB"/> by changing the field's type. Table management, health checks and everything else
/// cold stay on the SDK client.
/// <para>
/// Throttling, the service's own faults and lost connections are retried here with exponential backoff and jitter;
/// a transaction keeps one ClientRequestToken over its attempts (as the SDK sends one), so a retry of a transaction
/// that was in fact written is not applied twice. Validation errors and failed conditions are never retried.
/// </para>
/// </summary>
public sealed class DynamoDbClient(HttpClient httpClient, int maxAttempts = DynamoDbClient.DefaultMaxAttempts) : IDisposable
{
    /// <summary>The first attempt and three retries.</summary>
    public const int DefaultMaxAttempts = 4;

    private const string Service = "DynamoDB";
    private const string TargetPrefix = "DynamoDB_20120810.";
    private static readonly MediaTypeHeaderValue ContentType = new("application/x-amz-json-1.0");

    /// <summary>A client for the configured endpoint (emulator URL or the regional AWS endpoint).</summary>
    /// <param name="transport">Below the signer (tests count or hold requests there); a new connection pool when null.</param>
    public static DynamoDbClient Create(AwsOptions options, HttpMessageHandler? transport = null)
    {
        var signing = new AwsProtocolSigningHandler(
            new SigV4Signer(options.Region, "dynamodb"),
            AwsCredentialSource.For(options, options.ServiceUrl.DynamoDb),
            transport ?? SignedHttpClientFactory.CreateTransport());
        return new DynamoDbClient(new HttpClient(signing) { BaseAddress = AwsEndpoints.DynamoDb(options), Timeout = TimeSpan.FromSeconds(30) });
    }

    public async Task<PutItemResponse> PutItemAsync(PutItemRequest request, CancellationToken cancellationToken = default)
    {
        await InvokeAsync("PutItem", DynamoDbRequestWriter.PutItem(request), cancellationToken);
        return new PutItemResponse();
    }

    /// <remarks>Supports Put items only (the only kind the hot path writes).</remarks>
    public async Task<TransactWriteItemsResponse> TransactWriteItemsAsync(TransactWriteItemsRequest request, CancellationToken cancellationToken = default)
    {
        var token = request.ClientRequestToken ?? Guid.NewGuid().ToString();
        await InvokeAsync("TransactWriteItems", DynamoDbRequestWriter.TransactWriteItems(request, token), cancellationToken);
        return new TransactWriteItemsResponse();
    }

    public async Task<GetItemResponse> GetItemAsync(GetItemRequest request, CancellationToken cancellationToken = default) =>
        DynamoDbResponseReader.GetItem(await InvokeAsync("GetItem", DynamoDbRequestWriter.GetItem(request), cancellationToken));

    public async Task<QueryResponse> QueryAsync(QueryRequest request, CancellationToken cancellationToken = default) =>
        DynamoDbResponseReader.Query(await InvokeAsync("Query", DynamoDbRequestWriter.Query(request), cancellationToken));

    public void Dispose() => httpClient.Dispose();

    private async Task<byte[]> InvokeAsync(string operation, byte[] body, CancellationToken cancellationToken)
    {
        using var activity = AwsTelemetry.StartCall(Service, operation);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await SendOnceAsync(operation, body, cancellationToken);
            }
            catch (Exception error) when (attempt < maxAttempts && DynamoDbErrors.IsTransient(error, cancellationToken))
            {
                activity?.AddEvent(new ActivityEvent("retry"));
                await Task.Delay(Backoff(attempt), cancellationToken);
            }
            catch (Exception error)
            {
                activity?.SetStatus(ActivityStatusCode.Error, error is AmazonDynamoDBException dynamo ? dynamo.ErrorCode : error.GetType().Name);
                throw;
            }
        }
    }

    private async Task<byte[]> SendOnceAsync(string operation, byte[] body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = ContentType;
        request.Headers.TryAddWithoutValidation("X-Amz-Target", TargetPrefix + operation);
        using var response = await httpClient.SendAsync(request, cancellationToken);
        var payload = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        if (response.IsSuccessStatusCode) return payload;
        var requestId = response.Headers.TryGetValues("x-amzn-RequestId", out var ids) ? ids.FirstOrDefault() : null;
        throw DynamoDbErrors.FromAnswer(response.StatusCode, payload, requestId);
    }

    private static TimeSpan Backoff(int attempt) => TimeSpan.FromMilliseconds(Random.Shared.Next(25, 50 * (1 << attempt)));
}
