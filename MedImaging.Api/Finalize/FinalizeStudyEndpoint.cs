using MedImaging.Api.Studies;
using MedImaging.Studies;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MedImaging.Api.Finalize;

public static class FinalizeStudyEndpoint
{
    /// <summary>
    /// POST /api/studies/{id}/finalize: the client has sent everything; the study completes once every instance
    /// (and, if given, the expected number of them) is done or failed. 202 once the grain saved it, or a 404/400/503 problem.
    /// </summary>
    public static RouteHandlerBuilder MapFinalizeStudy(this IEndpointRouteBuilder routes) =>
        routes.MapPost("/{id}/finalize", FinalizeAsync)
            .WithName("FinalizeStudy")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

    private static async Task<Results<Accepted<FinalizeAccepted>, ProblemHttpResult>> FinalizeAsync(
        string id, FinalizeStudyRequest? request, StudyLookup studies, StudyGrainCalls grains, CancellationToken cancellationToken)
    {
        if (request?.ExpectedInstances is < 1)
            return TypedResults.Problem(title: "Invalid expected instance count", detail: "expectedInstances must be at least 1.", statusCode: StatusCodes.Status400BadRequest);
        var snapshot = await studies.FindAsync(id, cancellationToken);
        if (snapshot is null)
            return TypedResults.Problem(title: "Study not found", detail: "No study has this id.", statusCode: StatusCodes.Status404NotFound);

        await grains.CallAsync(() => grains.Study(id).Finalize(new FinalizeStudy(id, request?.ExpectedInstances, StudyKeys.NewUploadId())));
        return TypedResults.Accepted($"/api/studies/{id}", new FinalizeAccepted(id, snapshot.Study.Status));
    }
}
