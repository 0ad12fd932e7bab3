using System.Net;
using System.Text.Json;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;

namespace MedImaging.Aws.DynamoDb;

/// <summary>
/// Turns DynamoDB's error answers into the SDK's exception types (what callers caught when they used the SDK client),
/// and says which failures are worth another attempt: throttling and the service's own faults.
/// </summary>
internal static class DynamoDbErrors
{
    private static readonly HashSet<string> TransientCodes = new(StringComparer.Ordinal)
    {
        "ThrottlingException", "ProvisionedThroughputExceededException", "RequestLimitExceeded",
        "InternalServerError", "ServiceUnavailable", "TransactionInProgressException",
    };

    public static AmazonDynamoDBException FromAnswer(HttpStatusCode status, byte[] body, string? requestId)
    {
        DynamoDbError error;
        try
        {
            error = DynamoDbResponseReader.Error(body);
        }
        catch (JsonException)
        {
            error = new DynamoDbError(null, null, null);
        }
        var code = error.Code ?? status.ToString();
        var message = Truncate(error.Message ?? $"DynamoDB answered {(int)status}");
        var type = (int)status >= 500 ? ErrorType.Receiver : ErrorType.Sender;
        return code switch
        {
            "ConditionalCheckFailedException" => new ConditionalCheckFailedException(message, type, code, requestId, status),
            "TransactionCanceledException" => new TransactionCanceledException(message, type, code, requestId, status)
            {
                CancellationReasons = error.CancellationReasons,
            },
            "ResourceNotFoundException" => new ResourceNotFoundException(message, type, code, requestId, status),
            "ProvisionedThroughputExceededException" => new ProvisionedThroughputExceededException(message, type, code, requestId, status),
            _ => new AmazonDynamoDBException(message, type, code, requestId, status),
        };
    }

    public static bool IsTransient(Exception error, CancellationToken cancellationToken) => error switch
    {
        AmazonDynamoDBException dynamo => (int)dynamo.StatusCode >= 500 || (dynamo.ErrorCode is { } code && TransientCodes.Contains(code)),
        HttpRequestException or IOException => true,
        OperationCanceledException => !cancellationToken.IsCancellationRequested, // HttpClient's timeout
        _ => false,
    };

    private static string Truncate(string text) => text.Length > 500 ? text[..500] : text;
}
