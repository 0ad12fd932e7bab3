using Microsoft.AspNetCore.Http.HttpResults;

namespace MedImaging.Api.Studies;

public static class GetStudyEndpoint
{
    /// <summary>
    /// GET /api/studies/{id}: status, timeline and per-instance results with presigned download links, read from
    /// DynamoDB (the Api never asks the Silo), or "received" from the accepted upload until the grain first saves
    /// (see <see cref="StudyLookup"/>); 404 problem when unknown.
    /// </summary>
    public static RouteHandlerBuilder MapGetStudy(this IEndpointRouteBuilder routes) =>
        routes.MapGet("/{id}", GetAsync)
            .WithName("GetStudy")
            .WithSummary("A study's status, timeline and per-instance results")
            .ProducesProblem(StatusCodes.Status404NotFound);

    private static async Task<Results<Ok<StudyResponse>, ProblemHttpResult>> GetAsync(
        string id, StudyLookup studies, StudyResponseBuilder builder, CancellationToken cancellationToken)
    {
        var snapshot = await studies.FindAsync(id, cancellationToken);
        if (snapshot is null)
            return TypedResults.Problem(title: "Study not found", detail: "No study has this id.", statusCode: StatusCodes.Status404NotFound);
        return TypedResults.Ok(await builder.BuildAsync(snapshot));
    }
}
