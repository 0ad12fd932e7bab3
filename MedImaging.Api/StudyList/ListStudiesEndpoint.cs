using MedImaging.Aws.Dynamo;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace MedImaging.Api.StudyList;

public static class ListStudiesEndpoint
{
    /// <summary>
    /// GET /api/studies?status=&amp;since=&amp;limit=&amp;cursor=: studies most recently updated first, from the status
    /// index (eventually consistent: a study changing status between two pages may show on both or neither).
    /// Without status, every status is read and merged by update time. A bad parameter is a 400 problem. A study is
    /// listed from its grain's first save, moments after its upload is accepted (GET /api/studies/{id} finds it at once).
    /// </summary>
    public static RouteHandlerBuilder MapListStudies(this IEndpointRouteBuilder routes) =>
        routes.MapGet("/", ListAsync)
            .WithName("ListStudies")
            .WithSummary("Studies by status and update time, paged")
            .ProducesProblem(StatusCodes.Status400BadRequest);

    private static async Task<Results<Ok<StudyListPage>, ProblemHttpResult>> ListAsync(
        StudyTable studies, CancellationToken cancellationToken,
        [FromQuery] string? status = null, [FromQuery] string? since = null, [FromQuery] string? limit = null, [FromQuery] string? cursor = null)
    {
        var (query, error) = StudyListQuery.Parse(status, since, limit, cursor);
        if (query is null)
            return TypedResults.Problem(title: "Invalid study listing query", detail: error, statusCode: StatusCodes.Status400BadRequest);

        // One more than a page from each status tells whether another page exists.
        var perStatus = await Task.WhenAll(query.Statuses.Select(each =>
            studies.ListByStatusAsync(each, query.Since, query.Cursor?.Position, query.Limit + 1, cancellationToken)));
        var ordered = perStatus.SelectMany(entries => entries)
            .OrderByDescending(e => e.IndexTime, StringComparer.Ordinal)
            .ThenByDescending(e => e.Study.StudyKey, StringComparer.Ordinal)
            .ToList();
        var page = ordered.Take(query.Limit).ToList();
        var next = ordered.Count > query.Limit
            ? new StudyListCursor(page[^1].IndexTime, page[^1].Study.StudyKey, status, since).Encode()
            : null;
        return TypedResults.Ok(new StudyListPage(
            page.Select(e => new StudySummary(e.Study.StudyKey, e.Study.Status, e.Study.CreatedAt, e.Study.UpdatedAt, e.Study.CompletedAt, e.Study.InstanceCount,
                e.Study.Outcomes ?? MedImaging.Studies.InstanceOutcomes.None)).ToList(),
            next));
    }
}
