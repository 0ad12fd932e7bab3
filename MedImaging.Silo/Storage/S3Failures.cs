using System.Net;
using Amazon.Runtime;
using Amazon.S3;
using MedImaging.Pipeline.Steps;

namespace MedImaging.Silo.Storage;

/// <summary>
/// Turns what the S3 client throws into the pipeline's <see cref="StepFailure"/>. Messages name the operation and
/// the S3 error code only: keys carry study identifiers, so they stay out of timelines and traces.
/// </summary>
public static class S3Failures
{
    private static readonly HashSet<string> TransientCodes = new(StringComparer.Ordinal)
    {
        "SlowDown", "Throttling", "ThrottlingException", "RequestTimeout", "RequestTimeTooSkewed", "InternalError", "ServiceUnavailable",
        "RequestLimitExceeded", "TooManyRequestsException",
        // The body S3 received differs from the one hashed here: damaged on the way, so sending it again can succeed.
        "BadDigest", "XAmzContentSHA256Mismatch",
        // A copy or read right after the write can still miss the object on an eventually consistent store.
        "NoSuchKey",
    };

    /// <returns>Null for a cancellation the caller asked for (it must propagate as it is).</returns>
    public static StepFailure? Classify(Exception error, string operation, CancellationToken cancellationToken)
    {
        if (error is StepFailure failure) return failure;
        if (error is OperationCanceledException && cancellationToken.IsCancellationRequested) return null;
        return error switch
        {
            AmazonS3Exception s3 when IsTransient(s3) =>
                StepFailure.Transient("storage-unavailable", $"S3 {operation} failed: {s3.ErrorCode ?? s3.StatusCode.ToString()}", error),
            AmazonS3Exception s3 =>
                StepFailure.Permanent("storage-refused", $"S3 {operation} refused: {s3.ErrorCode ?? s3.StatusCode.ToString()}", error),
            AmazonServiceException { StatusCode: var status } when (int)status == 0 || (int)status >= 500 =>
                StepFailure.Transient("storage-unavailable", $"S3 {operation} failed: {error.GetType().Name}", error),
            HttpRequestException or IOException or OperationCanceledException or AmazonClientException =>
                StepFailure.Transient("storage-unreachable", $"S3 {operation} could not be completed: {error.GetType().Name}", error),
            _ => null,
        };
    }

    private static bool IsTransient(AmazonS3Exception error) =>
        (int)error.StatusCode >= 500 || (int)error.StatusCode == 0
        || error.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.RequestTimeout
        || (error.ErrorCode is { } code && TransientCodes.Contains(code));
}
