using MedImaging.Api.StudyList;

namespace MedImaging.Tests.Api.StudyList;

public sealed class StudyListQueryTests
{
    [Fact]
    public void No_parameters_mean_every_status_fifty_at_a_time()
    {
        var (query, error) = StudyListQuery.Parse(null, null, null, null);

        Assert.Null(error);
        Assert.Equal(["received", "processing", "completed", "failed"], query!.Statuses);
        Assert.Equal((StudyListQuery.DefaultLimit, null, null), (query.Limit, query.Since, query.Cursor));
    }

    [Fact]
    public void A_cursor_round_trips_with_the_filters_it_was_made_for()
    {
        var cursor = new StudyListCursor("2026-03-01T12:00:00.0000000Z", "2.25.7", "failed", "2026-01-01T00:00:00Z").Encode();

        var (query, error) = StudyListQuery.Parse("failed", "2026-01-01T00:00:00Z", "10", cursor);

        Assert.Null(error);
        Assert.Equal(["failed"], query!.Statuses);
        Assert.Equal(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), query.Since);
        Assert.Equal(("2026-03-01T12:00:00.0000000Z", "2.25.7"), (query.Cursor!.IndexTime, query.Cursor.StudyKey));
    }

    [Theory]
    [InlineData("", null, null, null)]
    [InlineData("Completed", null, null, null)]
    [InlineData(null, "2026-13-01", null, null)]
    [InlineData(null, null, "1e3", null)]
    [InlineData(null, null, " 5", null)]
    [InlineData(null, null, "99999999999", null)]
    [InlineData(null, null, null, "")]
    [InlineData(null, null, null, "%%%")]
    [InlineData(null, null, null, "bnVsbA")] // "null"
    public void Refuses_what_it_cannot_honour(string? status, string? since, string? limit, string? cursor)
    {
        var (query, error) = StudyListQuery.Parse(status, since, limit, cursor);

        Assert.Null(query);
        Assert.False(string.IsNullOrEmpty(error));
    }

    [Theory]
    [InlineData("../../etc/passwd", "2026-03-01T12:00:00Z")]
    [InlineData("2.25.7", "not a time")]
    public void Refuses_a_well_formed_cursor_with_a_bad_position(string studyKey, string indexTime)
    {
        var cursor = new StudyListCursor(indexTime, studyKey, null, null).Encode();

        Assert.Null(StudyListCursor.TryDecode(cursor));
    }
}
