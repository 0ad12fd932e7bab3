using System.Net;

namespace MedImaging.Aws.Sqs;

/// <summary>An error answered by SQS, with its AWS error code (e.g. "InvalidParameterValue").</summary>
public class SqsException(string errorCode, string message, HttpStatusCode statusCode)
    : Exception($"SQS {errorCode} ({(int)statusCode}): {message}")
{
    public string ErrorCode { get; } = errorCode;
    public HttpStatusCode StatusCode { get; } = statusCode;

    /// <summary>Throttling and server-side faults: the same request may succeed later.</summary>
    public bool IsTransient =>
        (int)StatusCode >= 500 || ErrorCode is "ThrottlingException" or "RequestThrottled" or "ServiceUnavailable";

    internal static SqsException Create(string errorCode, string message, HttpStatusCode statusCode) => errorCode switch
    {
        "QueueDoesNotExist" or "AWS.SimpleQueueService.NonExistentQueue" => new SqsQueueDoesNotExistException(message, statusCode),
        "ReceiptHandleIsInvalid" or "MessageNotInflight" or "InvalidParameterValue" when IsReceiptProblem(errorCode, message)
            => new SqsReceiptHandleException(errorCode, message, statusCode),
        "QueueNameExists" or "QueueAlreadyExists" => new SqsQueueNameExistsException(message, statusCode),
        _ => new SqsException(errorCode, message, statusCode),
    };

    private static bool IsReceiptProblem(string errorCode, string message) =>
        errorCode != "InvalidParameterValue" || message.Contains("receipt handle", StringComparison.OrdinalIgnoreCase);
}

/// <summary>The queue URL names no queue.</summary>
public sealed class SqsQueueDoesNotExistException(string message, HttpStatusCode statusCode)
    : SqsException("QueueDoesNotExist", message, statusCode);

/// <summary>The receipt handle is stale or invalid: the message was redelivered or already deleted.</summary>
public sealed class SqsReceiptHandleException(string errorCode, string message, HttpStatusCode statusCode)
    : SqsException(errorCode, message, statusCode);

/// <summary>A queue of that name exists with different attributes.</summary>
public sealed class SqsQueueNameExistsException(string message, HttpStatusCode statusCode)
    : SqsException("QueueNameExists", message, statusCode);
