using MedImaging.Api.Uploads;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MedImaging.Api.DirectUploads;

public static class CompleteUploadEndpoint
{
    /// <summary>
    /// POST /api/uploads/{id}/complete: every declared file has been PUT; the Api checks them all and announces them.
    /// 202 with the studies; 200 with the same body when already completed; 404 problem for an unknown upload; a
    /// problem listing each refused file (409 not uploaded or wrong size, 413 too large, 415 not DICOM/JPEG/PNG,
    /// 422 DICOM without identifiers, 422 when the reasons differ) when nothing was announced.
    /// </summary>
    public static RouteHandlerBuilder MapCompleteUpload(this IEndpointRouteBuilder routes) =>
        routes.MapPost("/{id}/complete", CompleteAsync)
            .WithName("CompleteUpload")
            .WithSummary("Completes a direct upload: checks the uploaded files and queues them for processing")
            .Produces<UploadAccepted>(StatusCodes.Status200OK)
            .Produces<UploadAccepted>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

    private static async Task<IResult> CompleteAsync(string id, DirectUploadService uploads, CancellationToken cancellationToken) =>
        await uploads.CompleteAsync(id, cancellationToken) switch
        {
            CompletionOutcome.Accepted { AlreadyCompleted: true } done => TypedResults.Ok(done.Studies),
            CompletionOutcome.Accepted accepted => TypedResults.Accepted($"/api/studies/{accepted.Studies.Id}", accepted.Studies),
            CompletionOutcome.Refused refused => RefusedProblem(refused.Files),
            _ => TypedResults.Problem(title: "Upload not found", detail: "No upload has this id.", statusCode: StatusCodes.Status404NotFound),
        };

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
