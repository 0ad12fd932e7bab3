using System.Net;

namespace MedImaging.Aws.S3;

/// <summary>
/// An error answered by S3, with its error code (the XML &lt;Code&gt;, e.g. "NoSuchKey", "SlowDown"; for bodiless
/// answers such as HEAD, the HTTP status name). The message names the operation and code, never the object key.
/// </summary>
public class S3Exception(string operation, string errorCode, HttpStatusCode statusCode, string? serviceMessage = null)
    : Exception($"S3 {operation} failed: {errorCode} ({(int)statusCode}){(string.IsNullOrEmpty(serviceMessage) ? "" : ": " + serviceMessage)}")
{
    private static readonly HashSet<string> TransientCodes = new(StringComparer.Ordinal)
    {
        "SlowDown", "Throttling", "ThrottlingException", "RequestTimeout", "RequestTimeTooSkewed", "InternalError",
        "ServiceUnavailable", "RequestLimitExceeded", "TooManyRequestsException",
        // The body S3 received differs from the one hashed here: damaged on the way, so sending it again can succeed.
        "BadDigest", "XAmzContentSHA256Mismatch",
    };

    public string Operation { get; } = operation;

    public string ErrorCode { get; } = errorCode;

    public HttpStatusCode StatusCode { get; } = statusCode;

    /// <summary>Throttling, timeouts and server-side faults: the same request may succeed later.</summary>
    public bool IsTransient =>
        (int)StatusCode >= 500 || StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.RequestTimeout
        || TransientCodes.Contains(ErrorCode);
}
