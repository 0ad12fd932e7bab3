using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace MedImaging.Pipeline.Analysis.Rekognition;

/// <summary>
/// Our own Rekognition client (no AWSSDK.Rekognition restores here): AWS JSON 1.1 over an HttpClient
/// whose handler chain signs with SigV4 (see <see cref="RekognitionHttpClientFactory"/>).
/// </summary>
public sealed class RekognitionClient(HttpClient httpClient)
{
    public const string ContentType = "application/x-amz-json-1.1";
    public const string DetectLabelsTarget = "RekognitionService.DetectLabels";

    /// <summary>Calls DetectLabels. Throws <see cref="RekognitionServiceException"/> for an error answer.</summary>
    public async Task<DetectLabelsResponse> DetectLabelsAsync(DetectLabelsRequest request, CancellationToken cancellationToken)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(request, RekognitionJsonContext.Default.DetectLabelsRequest);
        using var message = new HttpRequestMessage(HttpMethod.Post, httpClient.BaseAddress ?? throw new InvalidOperationException("HttpClient.BaseAddress is not set"))
        {
            Content = new ByteArrayContent(body),
        };
        message.Content.Headers.ContentType = new MediaTypeHeaderValue(ContentType);
        message.Headers.Add("X-Amz-Target", DetectLabelsTarget);

        using var response = await httpClient.SendAsync(message, cancellationToken);
        var payload = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
            throw ReadError(response, payload);
        return JsonSerializer.Deserialize(payload, RekognitionJsonContext.Default.DetectLabelsResponse)
               ?? throw new RekognitionServiceException("EmptyResponse", response.StatusCode, "empty DetectLabels response");
    }

    private static RekognitionServiceException ReadError(HttpResponseMessage response, byte[] payload)
    {
        RekognitionErrorBody? error = null;
        try
        {
            error = JsonSerializer.Deserialize(payload, RekognitionJsonContext.Default.RekognitionErrorBody);
        }
        catch (JsonException)
        {
            // A proxy or load balancer can answer with HTML; the status code still classifies it.
        }

        var type = error?.Type
                   ?? (response.Headers.TryGetValues("x-amzn-ErrorType", out var values) ? values.FirstOrDefault() : null)
                   ?? (response.StatusCode >= HttpStatusCode.InternalServerError ? "InternalServerError" : "UnknownError");
        return new RekognitionServiceException(ErrorCodeOf(type), response.StatusCode,
            error?.Message ?? error?.LowerCaseMessage ?? response.ReasonPhrase ?? "no message");
    }

    /// <summary>"com.amazonaws.rekognition#ThrottlingException" and "ThrottlingException:http://..." both mean ThrottlingException.</summary>
    internal static string ErrorCodeOf(string type)
    {
        var hash = type.LastIndexOf('#');
        if (hash >= 0) type = type[(hash + 1)..];
        var colon = type.IndexOf(':');
        return colon >= 0 ? type[..colon] : type;
    }
}
