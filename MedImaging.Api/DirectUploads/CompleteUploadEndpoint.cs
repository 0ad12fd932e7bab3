using MedImaging.Api.Uploads;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MedImaging.Api.DirectUploads;

public static class CompleteUploadEndpoint
{
    private const long MaxBodyBytes = 4L * 1024 * 1024;

    /// <summary>
    /// POST /api/uploads/{id}/complete: every declared file has been PUT; the Api checks them all and announces them.
    /// Files uploaded in parts are listed in the body with each part's ETag (409 when parts are missing or refused).
    /// 202 with the studies; 200 with the same body when already completed; 404 problem for an unknown upload; a
    /// problem listing each refused file (409 not uploaded or wrong size, 413 too large, 415 not DICOM/JPEG/PNG,
    /// 422 DICOM without identifiers, 422 when the reasons differ) when nothing was announced.
    /// </summary>
    public static RouteHandlerBuilder MapCompleteUpload(this IEndpointRouteBuilder routes) =>
        routes.MapPost("/{id}/complete", CompleteAsync)
            .WithName("CompleteUpload")
            .WithSummary("Completes a direct upload: checks the uploaded files and queues them for processing")
            .Accepts<CompleteUploadRequest>("application/json")
            .Produces<UploadAccepted>(StatusCodes.Status200OK)
            .Produces<UploadAccepted>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

    // The body is optional (single-PUT files need none), so it is read here rather than bound: an empty request stays valid.
    private static async Task<IResult> CompleteAsync(string id, HttpRequest http, DirectUploadService uploads, CancellationToken cancellationToken)
    {
        CompleteUploadRequest? request = null;
        if (http.ContentLength is > 0 || http.Headers.TransferEncoding.Count > 0)
        {
            // 10,000 parts of one file listed with their ETags take well under a MiB; nothing larger is read.
            if (http.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit) limit.MaxRequestBodySize = MaxBodyBytes;
            if (http.ContentLength > MaxBodyBytes)
                return TypedResults.Problem(title: "Completion body too large", detail: $"At most {MaxBodyBytes} bytes.", statusCode: StatusCodes.Status413PayloadTooLarge);
            if (!http.HasJsonContentType())
                return TypedResults.Problem(title: "Unsupported completion body", detail: "Send the parts as application/json.", statusCode: StatusCodes.Status415UnsupportedMediaType);
            try
            {
                request = await http.ReadFromJsonAsync(DirectUploadJson.Default.CompleteUploadRequest, cancellationToken);
            }
            catch (BadHttpRequestException tooLarge) when (tooLarge.StatusCode == StatusCodes.Status413PayloadTooLarge)
            {
                return TypedResults.Problem(title: "Completion body too large", detail: $"At most {MaxBodyBytes} bytes.", statusCode: StatusCodes.Status413PayloadTooLarge);
            }
            catch (System.Text.Json.JsonException)
            {
                return TypedResults.Problem(title: "Invalid completion body", detail: "Expected {\"files\": [{\"index\": 0, \"parts\": [{\"partNumber\": 1, \"eTag\": \"...\"}]}]}.",
                    statusCode: StatusCodes.Status400BadRequest);
            }
        }
        return await uploads.CompleteAsync(id, request, cancellationToken) switch
        {
            CompletionOutcome.Accepted { AlreadyCompleted: true } done => TypedResults.Ok(done.Studies),
            CompletionOutcome.Accepted accepted => TypedResults.Accepted($"/api/studies/{accepted.Studies.Id}", accepted.Studies),
            CompletionOutcome.Refused refused => RefusedProblem(refused.Files),
            _ => TypedResults.Problem(title: "Upload not found", detail: "No upload has this id.", statusCode: StatusCodes.Status404NotFound),
        };
    }

    private static ProblemHttpResult RefusedProblem(IReadOnlyList<RefusedFile> files)
    {
        var statuses = files.Select(f => f.Status).Distinct().ToList();
        var status = statuses.Count == 1 ? statuses[0] : StatusCodes.Status422UnprocessableEntity;
        var title = files.Count == 1 ? files[0].Title : "Some uploaded files were refused";
        return TypedResults.Problem(
            title: title,
            detail: $"{files.Count} file(s) refused; nothing was queued. Fix them (PUT again) and complete the upload again.",
            statusCode: status,
            extensions: new Dictionary<string, object?> { ["files"] = files });
    }
}
