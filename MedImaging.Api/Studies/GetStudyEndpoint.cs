using MedImaging.Aws.Dynamo;
using MedImaging.Aws.Studies;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MedImaging.Api.Studies;

public static class GetStudyEndpoint
{
    /// <summary>
    /// GET /api/studies/{id}: status, timeline and per-instance results with presigned download links, read from
    /// DynamoDB (the Api never asks the Silo); 404 problem when unknown.
    /// </summary>
    public static RouteHandlerBuilder MapGetStudy(this IEndpointRouteBuilder routes) =>
        routes.MapGet("/{id}", GetAsync)
            .WithName("GetStudy")
            .WithSummary("A study's status, timeline and per-instance results")
            .ProducesProblem(StatusCodes.Status404NotFound);

    private static async Task<Results<Ok<StudyResponse>, ProblemHttpResult>> GetAsync(
        string id, StudyTable studies, StudyResponseBuilder builder, CancellationToken cancellationToken)
    {
        var snapshot = StudyKeys.IsValid(id) ? await studies.LoadAsync(id, cancellationToken) : null;
        if (snapshot is null)
            return TypedResults.Problem(title: "Study not found", detail: "No study has this id.", statusCode: StatusCodes.Status404NotFound);
        return TypedResults.Ok(await builder.BuildAsync(snapshot));
    }
}
