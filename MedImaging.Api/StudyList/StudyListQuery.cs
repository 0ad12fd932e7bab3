using System.Globalization;
using MedImaging.Studies;

namespace MedImaging.Api.StudyList;

/// <summary>The validated query of GET /api/studies. No status means every status, merged newest first.</summary>
public sealed record StudyListQuery(IReadOnlyList<string> Statuses, DateTimeOffset? Since, int Limit, StudyListCursor? Cursor)
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 200;

    public static IReadOnlyList<string> AllStatuses { get; } =
        [StudyStatus.Received, StudyStatus.Processing, StudyStatus.Completed, StudyStatus.Failed];

    /// <summary>The query, or the reason it is refused (for a 400 problem).</summary>
    public static (StudyListQuery? Query, string? Error) Parse(string? status, string? since, string? limit, string? cursor)
    {
        if (status is not null && !AllStatuses.Contains(status))
            return (null, $"status must be one of {string.Join(", ", AllStatuses)}.");

        DateTimeOffset? sinceTime = null;
        if (since is not null)
        {
            if (!DateTimeOffset.TryParse(since, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed))
                return (null, "since must be an ISO 8601 date and time, e.g. 2026-01-31T12:00:00Z.");
            sinceTime = parsed;
        }

        var pageSize = DefaultLimit;
        if (limit is not null && (!int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out pageSize) || pageSize is < 1 or > MaxLimit))
            return (null, $"limit must be a whole number from 1 to {MaxLimit}.");

        StudyListCursor? position = null;
        if (cursor is not null)
        {
            position = StudyListCursor.TryDecode(cursor);
            if (position is null)
                return (null, "cursor is not a cursor returned by this API.");
            if (position.Status != status || position.Since != since)
                return (null, "cursor belongs to a listing with other filters; repeat the status and since it was returned with.");
        }

        return (new StudyListQuery(status is null ? AllStatuses : [status], sinceTime, pageSize, position), null);
    }
}
