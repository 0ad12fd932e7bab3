using System.Net;

namespace MedImaging.Aws.Sns;

/// <summary>An error answered by SNS, with its AWS error code (e.g. "NotFound", "InvalidParameter").</summary>
public sealed class SnsException(string errorCode, string message, HttpStatusCode statusCode)
    : Exception($"SNS {errorCode} ({(int)statusCode}): {message}")
{
    public string ErrorCode { get; } = errorCode;
    public HttpStatusCode StatusCode { get; } = statusCode;
    public bool IsTransient => (int)StatusCode >= 500 || ErrorCode is "Throttling" or "ThrottledException";
}
