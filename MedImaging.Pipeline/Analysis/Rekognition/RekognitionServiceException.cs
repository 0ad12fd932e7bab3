using System.Net;

namespace MedImaging.Pipeline.Analysis.Rekognition;

/// <summary>An error answer from Rekognition: its error code (e.g. ThrottlingException) and HTTP status.</summary>
public sealed class RekognitionServiceException(string errorCode, HttpStatusCode statusCode, string message)
    : Exception($"Rekognition {errorCode} ({(int)statusCode}): {message}")
{
    public string ErrorCode { get; } = errorCode;

    public HttpStatusCode StatusCode { get; } = statusCode;
}
