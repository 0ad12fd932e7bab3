using MedImaging.Api.Delivery;
using MedImaging.Api.Studies;
using MedImaging.Aws.Dynamo;
using MedImaging.Aws.Studies;
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
        var snapshot = StudyKeys.IsValid(id) && StudyKeys.IsValid(uid) ? await studies.LoadAsync(id, cancellationToken) : null;
        var instance = snapshot?.Instances.FirstOrDefault(i => i.InstanceId == uid);
        if (instance is null)
            return NotFound("Instance not found", "No instance with this id in a study with this id.");
        var result = StoredInstanceState.ResultOf(instance);
        if (result is null)
            return NotFound("Not rendered yet", "The instance has not finished processing.");
        if (!StudyResponseBuilder.IsDeliverable(result))
            return NotFound("Rendered image withheld", "The instance failed or was quarantined; its images are not handed out.");
        var rendered = result.Outputs.FirstOrDefault(o => OutputKinds.Of(o.Key) == OutputKinds.Rendered);
        if (rendered is null)
            return NotFound("No rendered image", "The instance has no rendered image (its pixel data could not be rendered).");

        var url = await signer.DownloadAsync(rendered.Bucket, rendered.Key);
        return TypedResults.Redirect(url.Url, permanent: false, preserveMethod: true);
    }

    private static ProblemHttpResult NotFound(string title, string detail) =>
        TypedResults.Problem(title: title, detail: detail, statusCode: StatusCodes.Status404NotFound);
}
