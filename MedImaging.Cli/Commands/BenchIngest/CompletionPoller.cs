using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;

namespace MedImaging.Cli.Commands.BenchIngest;

/// <summary>
/// The one poller of the pipelined benchmark: every interval it reads the studies updated lately in status completed
/// and failed (GET /api/studies?status=&amp;since=, every page by cursor) and reports the watched ones it sees, so
/// the load of watching does not grow with the number of studies in flight. Each poll asks from shortly before the
/// previous poll started (<see cref="IngestBenchSettings.ListOverlap"/>): a study's update time is stamped before its
/// write lands in the index, so one that completes while a poll runs is still inside the next poll's range; the seen
/// set drops repeats. A watched study nothing is heard of for a while is asked for directly (counted: the list missed
/// it) and one older than the completion timeout is given up on.
/// </summary>
public sealed class CompletionPoller(IngestApiClient api, IngestBenchSettings settings, Action<FinishedStudy> finished)
{
    private static readonly string[] FinishedStatuses = ["completed", "failed"];
    private static readonly TimeSpan StallAfter = TimeSpan.FromSeconds(5);
    private readonly ConcurrentDictionary<string, long> _watched = new();
    private int _foundByDetail;
    private DateTimeOffset? _previousPollStarted;

    /// <summary>Watched studies the list did not show in time and a direct GET found finished.</summary>
    public int FoundByDetail => Volatile.Read(ref _foundByDetail);

    /// <summary>The most a study first listed by a poll had been updated before the previous poll started: how much of the
    /// overlap was needed (if it nears the overlap, studies may have been missed by the list and found by a direct GET).</summary>
    public TimeSpan LatestListing { get; private set; }

    /// <summary>Starts watching a study; call it before its upload, since a study may complete before the upload is answered.</summary>
    public void Watch(string studyUid) => _watched[studyUid] = Stopwatch.GetTimestamp();

    /// <summary>Stops watching a study (its upload was refused); false when it was already reported.</summary>
    public bool Forget(string studyUid) => _watched.TryRemove(studyUid, out _);

    /// <param name="from">No study of interest was updated before this.</param>
    public async Task RunAsync(DateTimeOffset from, CancellationToken stop)
    {
        var since = from - settings.ListOverlap;
        var quiet = Stopwatch.StartNew();
        while (!stop.IsCancellationRequested)
        {
            var pollStarted = DateTimeOffset.UtcNow;
            var seen = 0;
            foreach (var status in FinishedStatuses)
                seen += await ReadAsync(status, since.UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
            since = pollStarted - settings.ListOverlap;
            _previousPollStarted = pollStarted;
            if (seen > 0 || _watched.IsEmpty) quiet.Restart();
            else if (quiet.Elapsed > StallAfter)
            {
                await AskDirectlyAsync();
                quiet.Restart();
            }
            GiveUpOnOverdue();
            try
            {
                await Task.Delay(settings.ListPollInterval, stop);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    private async Task<int> ReadAsync(string status, string since)
    {
        var seen = 0;
        string? cursor = null;
        do
        {
            var page = await api.ListAsync(status, since, cursor, settings.ListPageSize)
                ?? throw new HttpRequestException($"GET /api/studies?status={status} was refused");
            foreach (var study in page.Items)
                if (_watched.TryRemove(study.Id, out _))
                {
                    seen++;
                    if (_previousPollStarted - study.UpdatedAt is { } late && late > LatestListing) LatestListing = late;
                    finished(new FinishedStudy(study.Id, study.Status, study.CompletedAt, DateTimeOffset.UtcNow, FoundBy.List));
                }
            cursor = page.NextCursor;
        } while (cursor is not null);
        return seen;
    }

    private async Task AskDirectlyAsync()
    {
        var stalled = _watched.Where(w => Stopwatch.GetElapsedTime(w.Value) > StallAfter).Select(w => w.Key).ToArray();
        foreach (var studyUid in stalled)
            if (await api.GetAsync(studyUid) is { IsFinished: true } state && _watched.TryRemove(studyUid, out _))
            {
                Interlocked.Increment(ref _foundByDetail);
                finished(new FinishedStudy(studyUid, state.Status, state.CompletedAt, DateTimeOffset.UtcNow, FoundBy.Detail));
            }
    }

    private void GiveUpOnOverdue()
    {
        foreach (var (studyUid, watchedSince) in _watched)
            if (Stopwatch.GetElapsedTime(watchedSince) > settings.CompletionTimeout && _watched.TryRemove(studyUid, out _))
                finished(new FinishedStudy(studyUid, "timed out", null, DateTimeOffset.UtcNow, FoundBy.None));
    }
}

public enum FoundBy
{
    None,
    List,
    Detail,
}

/// <summary>A watched study that reached an end (or was given up on), when the poller saw it.</summary>
public sealed record FinishedStudy(string StudyUid, string Status, DateTimeOffset? CompletedAt, DateTimeOffset ObservedAt, FoundBy FoundBy)
{
    public bool Completed => Status == "completed" && CompletedAt is not null;
}
