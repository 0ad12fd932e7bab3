using System.Net;
using System.Net.Http.Json;
using MedImaging.Studies;
using MedImaging.Tests.AppHost.Emulators;

namespace MedImaging.Tests.Api.StudyList;

/// <summary>GET /api/studies over the status index of DynamoDB Local: paging, filters, ties and refused queries.</summary>
[Collection(AwsEmulatorCollection.Name)]
public sealed class ListStudiesTests(AwsEmulatorFixture emulators) : IAsyncLifetime
{
    private static readonly DateTimeOffset Base = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly List<StudyRecord> _studies = [];
    private ApiUnderTest _api = null!;

    public async Task InitializeAsync()
    {
        _api = await ApiUnderTest.StartAsync(emulators);
        string[] statuses = [StudyStatus.Received, StudyStatus.Completed, StudyStatus.Processing, StudyStatus.Completed, StudyStatus.Failed, StudyStatus.Received, StudyStatus.Completed];
        for (var i = 0; i < statuses.Length; i++)
            _studies.Add(StudyRecord.New($"2.25.{1000 + i}", Base) with
            {
                Status = statuses[i], UpdatedAt = Base.AddMinutes(i), InstanceCount = i, Outcomes = i == 0 ? null : new InstanceOutcomes(i - 1, 1, 0),
            });
        // Two studies updated at the very same instant, to page across a tie.
        _studies.Add(StudyRecord.New("2.25.2001", Base) with { Status = StudyStatus.Failed, UpdatedAt = Base.AddMinutes(20) });
        _studies.Add(StudyRecord.New("2.25.2002", Base) with { Status = StudyStatus.Failed, UpdatedAt = Base.AddMinutes(20) });
        foreach (var study in _studies)
            await _api.Studies.SaveAsync(study, [], 0);
    }

    public async Task DisposeAsync() => await _api.DisposeAsync();

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(50)]
    public async Task Pages_through_every_study_newest_first_without_status(int limit)
    {
        var listed = await ListAllAsync($"limit={limit}");

        var expected = _studies.OrderByDescending(s => s.UpdatedAt).ThenByDescending(s => s.StudyKey, StringComparer.Ordinal).Select(s => s.StudyKey);
        Assert.Equal(expected, listed.Select(s => s.Id));
    }

    [Fact]
    public async Task Lists_one_status_with_its_instance_counts()
    {
        var listed = await ListAllAsync("status=completed&limit=2");

        Assert.Equal(["2.25.1006", "2.25.1003", "2.25.1001"], listed.Select(s => s.Id));
        Assert.All(listed, s => Assert.Equal("completed", s.Status));
        Assert.Equal([6, 3, 1], listed.Select(s => s.InstanceCount));
        Assert.Equal([new InstanceOutcomes(5, 1, 0), new InstanceOutcomes(2, 1, 0), new InstanceOutcomes(0, 1, 0)], listed.Select(s => s.Outcomes));
    }

    [Fact]
    public async Task Since_keeps_studies_updated_at_or_after_it()
    {
        var since = Uri.EscapeDataString(Base.AddMinutes(3).ToString("O"));

        var all = await ListAllAsync($"since={since}&limit=2");
        var failed = await ListAllAsync($"status=failed&since={since}&limit=1");

        Assert.Equal(["2.25.2002", "2.25.2001", "2.25.1006", "2.25.1005", "2.25.1004", "2.25.1003"], all.Select(s => s.Id));
        Assert.Equal(["2.25.2002", "2.25.2001", "2.25.1004"], failed.Select(s => s.Id));
    }

    public static TheoryData<string> BadQueries => new()
    {
        "status=bogus",
        "status=",
        "since=yesterday",
        "limit=0",
        "limit=abc",
        "limit=201",
        "limit=-1",
        "cursor=not-a-cursor",
        "cursor=eyJ9",
        "cursor=" + new string('A', 600),
    };

    [Theory]
    [MemberData(nameof(BadQueries))]
    public async Task A_bad_parameter_is_a_400_problem(string query)
    {
        using var response = await _api.Http.GetAsync($"/api/studies?{query}");

        await ApiUnderTest.AssertProblemAsync(response, 400);
    }

    [Fact]
    public async Task A_cursor_only_continues_the_listing_it_came_from()
    {
        var first = await _api.Http.GetFromJsonAsync<Page>("/api/studies?status=completed&limit=1");
        Assert.NotNull(first!.NextCursor);

        using var other = await _api.Http.GetAsync($"/api/studies?status=failed&limit=1&cursor={first.NextCursor}");
        using var same = await _api.Http.GetAsync($"/api/studies?status=completed&limit=1&cursor={first.NextCursor}");

        await ApiUnderTest.AssertProblemAsync(other, 400);
        Assert.Equal(HttpStatusCode.OK, same.StatusCode);
    }

    private async Task<List<Summary>> ListAllAsync(string query)
    {
        var listed = new List<Summary>();
        string? cursor = null;
        for (var pages = 0; pages < 50; pages++)
        {
            var url = $"/api/studies?{query}" + (cursor is null ? "" : $"&cursor={Uri.EscapeDataString(cursor)}");
            var page = await _api.Http.GetFromJsonAsync<Page>(url);
            listed.AddRange(page!.Items);
            cursor = page.NextCursor;
            if (cursor is null) return listed;
        }
        throw new InvalidOperationException("the listing never ended");
    }

    private sealed record Page(List<Summary> Items, string? NextCursor);

    private sealed record Summary(string Id, string Status, DateTimeOffset UpdatedAt, int InstanceCount, InstanceOutcomes Outcomes);
}
