using System.Net;
using MedImaging.Pipeline.Steps;

namespace MedImaging.Pipeline.Analysis.Rekognition;

/// <summary>Which Rekognition errors are worth another attempt.</summary>
public static class RekognitionErrorClassifier
{
    private static readonly HashSet<string> TransientCodes = new(StringComparer.Ordinal)
    {
        "ThrottlingException",
        "ProvisionedThroughputExceededException",
        "InternalServerError",
        "ServiceUnavailableException",
        "LimitExceededException",
    };

    private static readonly HashSet<string> InvalidImageCodes = new(StringComparer.Ordinal)
    {
        "InvalidImageFormatException",
        "ImageTooLargeException",
        "InvalidS3ObjectException",
    };

    public static FailureKind Classify(string errorCode, HttpStatusCode statusCode) =>
        TransientCodes.Contains(errorCode) || (int)statusCode >= 500 || statusCode == HttpStatusCode.TooManyRequests
            ? FailureKind.Transient
            : FailureKind.Permanent;

    public static StepFailure ToStepFailure(RekognitionServiceException exception)
    {
        var kind = Classify(exception.ErrorCode, exception.StatusCode);
        var code = InvalidImageCodes.Contains(exception.ErrorCode) ? "invalid-image" : kind == FailureKind.Transient ? "analyzer-unavailable" : "analyzer-rejected";
        return new StepFailure(kind, code, $"Rekognition answered {exception.ErrorCode} ({(int)exception.StatusCode})", exception);
    }
}
