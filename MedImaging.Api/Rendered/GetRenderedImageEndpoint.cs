using MedImaging.Api.Delivery;
using MedImaging.Api.Studies;
using MedImaging.Aws.Dynamo;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MedImaging.Api.Rendered;

public static class GetRenderedImageEndpoint
{
    /// <summary>
    /// GET /api/studies/{id}/instances/{uid}/rendered: a 307 redirect to a presigned URL of the de-identified rendered
    /// image in its destination bucket; a 404 problem when the study or instance is unknown, the instance is not
    /// finished, has no rendered image, or was quarantined (never handed out).
    /// </summary>
    public static RouteHandlerBuilder MapGetRenderedImage(this IEndpointRouteBuilder routes) =>
        routes.MapGet("/{id}/instances/{uid}/rendered", GetAsync)
            .WithName("GetRenderedImage")
            .WithSummary("Redirects to the instance's rendered (de-identified) image")
            .Produces(StatusCodes.Status307TemporaryRedirect)
            .ProducesProblem(StatusCodes.Status404NotFound);

    private static async Task<Results<RedirectHttpResult, ProblemHttpResult>> GetAsync(
        string id, string uid, StudyTable studies, UrlSigner signer, CancellationToken cancellationToken)
    {
        var found = await DeliverableOutput.FindAsync(studies, id, uid, OutputKinds.Rendered, cancellationToken);
        if (found.Location is not { } rendered)
        {
            return found.Unavailable switch
            {
                OutputUnavailable.NotFinished => NotFound("Not rendered yet", "The instance has not finished processing."),
                OutputUnavailable.Withheld => NotFound("Rendered image withheld", "The instance failed or was quarantined; its images are not handed out."),
                OutputUnavailable.NoSuchOutput => NotFound("No rendered image", "The instance has no rendered image (its pixel data could not be rendered)."),
                _ => NotFound("Instance not found", "No instance with this id in a study with this id."),
            };
        }

        var url = await signer.DownloadAsync(rendered.Bucket, rendered.Key);
        return TypedResults.Redirect(url.Url, permanent: false, preserveMethod: true);
    }

    private static ProblemHttpResult NotFound(string title, string detail) =>
        TypedResults.Problem(title: title, detail: detail, statusCode: StatusCodes.Status404NotFound);
}
