namespace MedImaging.Api.Uploads;

public static class UploadStudiesEndpoint
{
    /// <summary>
    /// POST /api/studies: multipart/form-data ("file", repeatable) or one application/dicom body.
    /// 202 with the study's id, status and Location; RFC 9457 problem details when refused.
    /// <c>?finalize=false</c> keeps the studies open for more uploads (then finalize them, or let the quiet period do it).
    /// </summary>
    public static RouteHandlerBuilder MapUploadStudies(this IEndpointRouteBuilder routes) =>
        routes.MapPost("/", UploadAsync)
            .WithName("UploadStudies")
            .Produces<UploadAccepted>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .DisableAntiforgery();

    private static async Task<IResult> UploadAsync(HttpRequest request, StudyUploader uploader, CancellationToken cancellationToken, bool finalize = true)
    {
        try
        {
            var accepted = await uploader.UploadAsync(request, finalize, cancellationToken);
            return TypedResults.Accepted($"/api/studies/{accepted.Id}", accepted);
        }
        catch (UploadRejectedException rejected)
        {
            return TypedResults.Problem(title: rejected.Title, detail: rejected.Message, statusCode: rejected.StatusCode, type: rejected.Type,
                extensions: rejected.Limit is { } limit ? new Dictionary<string, object?> { ["limit"] = limit } : null);
        }
    }
}
