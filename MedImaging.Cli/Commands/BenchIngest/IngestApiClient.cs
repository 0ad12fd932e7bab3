using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;

namespace MedImaging.Cli.Commands.BenchIngest;

/// <summary>The few calls of our API the ingest benchmark makes: upload, finalize, polling a study, listing finished studies.</summary>
public sealed class IngestApiClient(Uri apiUrl, IngestBenchSettings settings) : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = apiUrl, Timeout = TimeSpan.FromSeconds(60) };
    private int _polls;
    private int _lists;
    private int _listed;

    /// <summary>GET /api/studies/{id} requests made so far.</summary>
    public int Polls => Volatile.Read(ref _polls);

    /// <summary>GET /api/studies?status= requests made so far, and the studies they returned.</summary>
    public (int Requests, int Items) Lists => (Volatile.Read(ref _lists), Volatile.Read(ref _listed));

    /// <summary>POST /api/studies with one application/dicom body; true when answered 202.</summary>
    public async Task<bool> UploadAsync(BenchStudy study, bool finalize)
    {
        using var content = new ByteArrayContent(study.Bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/dicom");
        using var response = await _http.PostAsync(finalize ? "/api/studies" : "/api/studies?finalize=false", content);
        return response.StatusCode == HttpStatusCode.Accepted;
    }

    /// <summary>POST /api/studies/{id}/finalize with the expected instance count; true when answered 202.</summary>
    public async Task<bool> FinalizeAsync(string studyUid, int expectedInstances)
    {
        using var response = await _http.PostAsJsonAsync($"/api/studies/{studyUid}/finalize", new { expectedInstances });
        return response.StatusCode == HttpStatusCode.Accepted;
    }

    /// <summary>Polls GET /api/studies/{id} until the condition holds; the state then, or null after the completion timeout.</summary>
    public Task<StudyState?> WaitForAsync(string studyUid, Func<StudyState, bool> condition) =>
        WaitForAsync(studyUid, condition, PollSchedule.Immediate(settings.PollInterval));

    /// <summary>Polls on a schedule: every poll is a DynamoDB read in the measured system, so asking early and often loads it.</summary>
    public async Task<StudyState?> WaitForAsync(string studyUid, Func<StudyState, bool> condition, PollSchedule schedule)
    {
        var clock = Stopwatch.StartNew();
        if (schedule.FirstPollAfter > TimeSpan.Zero) await Task.Delay(schedule.FirstPollAfter);
        while (clock.Elapsed < settings.CompletionTimeout)
        {
            if (await GetAsync(studyUid) is { } state && condition(state)) return state;
            await Task.Delay(schedule.Interval);
        }
        return null;
    }

    /// <summary>One GET /api/studies?status=&amp;since=&amp;limit=&amp;cursor= page (newest update first); null when not answered 200.</summary>
    public async Task<StudyListPageState?> ListAsync(string status, string since, string? cursor, int limit)
    {
        Interlocked.Increment(ref _lists);
        var query = $"/api/studies?status={status}&since={Uri.EscapeDataString(since)}&limit={limit}";
        if (cursor is not null) query += $"&cursor={Uri.EscapeDataString(cursor)}";
        using var response = await _http.GetAsync(query);
        if (!response.IsSuccessStatusCode) return null;
        var page = await response.Content.ReadFromJsonAsync<StudyListPageState>();
        if (page is not null) Interlocked.Add(ref _listed, page.Items.Count);
        return page;
    }

    /// <summary>GET /api/studies/{id} once; null when not answered 200.</summary>
    public async Task<StudyState?> GetAsync(string studyUid)
    {
        Interlocked.Increment(ref _polls);
        using var response = await _http.GetAsync($"/api/studies/{studyUid}");
        return response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<StudyState>() : null;
    }

    public void Dispose() => _http.Dispose();
}

/// <summary>The part of GET /api/studies/{id} the benchmark reads.</summary>
public sealed record StudyState(string Status, DateTimeOffset? CompletedAt, IReadOnlyList<InstanceState>? Instances, IReadOnlyList<StudyEventState>? Timeline)
{
    /// <summary>When the grain took the (last) finalize, from the study's timeline.</summary>
    public DateTimeOffset? FinalizeTakenAt => Timeline?.LastOrDefault(e => e.Event == "finalize-requested")?.At;

    /// <summary>The study reached an end: completed, or failed (every instance failed).</summary>
    public bool IsFinished => Status is "completed" or "failed" && CompletedAt is not null;

    /// <summary>Every instance finished (done or failed) and at least one exists.</summary>
    public bool InstancesFinished => Instances is { Count: > 0 } all && all.All(i => i.Status is "done" or "failed");
}

/// <summary>The part of a GET /api/studies page the benchmark reads.</summary>
public sealed record StudyListPageState(IReadOnlyList<StudySummaryState> Items, string? NextCursor);

public sealed record StudySummaryState(string Id, string Status, DateTimeOffset UpdatedAt, DateTimeOffset? CompletedAt);

public sealed record InstanceState(string Id, string Status, DateTimeOffset? ReceivedAt, IReadOnlyList<StepState>? Steps);

public sealed record StudyEventState(string Event, DateTimeOffset At);

/// <summary>One attempt of one pipeline step, from the instance's timeline.</summary>
public sealed record StepState(string Step, int Attempt, DateTimeOffset StartedAt, DateTimeOffset? EndedAt, string Outcome);
