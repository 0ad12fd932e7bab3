using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;

namespace MedImaging.Cli.Commands.BenchIngest;

/// <summary>
/// The one poller of the pipelined benchmark: every interval it reads the studies updated lately in status completed
/// and failed (GET /api/studies?status=&amp;since=, every page by cursor) and reports the watched ones it sees, so
/// the load of watching does not grow with the number of studies in flight.
/// A study's update time is stamped before its write reaches the index (tens of ms, but seconds when the machine is
/// oversubscribed), so each poll reads from an overlap before the previous poll began; the overlap widens to twice the
/// latest arrival seen (at most <see cref="MaxOverlap"/>), and the watched set drops repeats. A study watched for <see cref="StragglerAfter"/> is asked for directly (counted: the
/// list missed it, or the study is slow) and one older than the completion timeout is given up on.
/// </summary>
public sealed class CompletionPoller(IngestApiClient api, IngestBenchSettings settings, Action<FinishedStudy> finished)
{
    private static readonly string[] FinishedStatuses = ["completed", "failed"];
    private static readonly TimeSpan StragglerAfter = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan MaxOverlap = TimeSpan.FromSeconds(5);
    private readonly ConcurrentDictionary<string, Watched> _watched = new();
    private DateTimeOffset? _previousPollStarted;
    private int _foundByDetail;

    /// <summary>Watched studies the list had not shown when a direct GET found them finished.</summary>
    public int FoundByDetail => Volatile.Read(ref _foundByDetail);

    /// <summary>The most a study first listed by a poll had been updated before the previous poll began: the part of
    /// the overlap that was needed.</summary>
    public TimeSpan LatestListing { get; private set; }

    /// <summary>How far before the previous poll each poll reads now (widened from the setting when studies arrive late).</summary>
    public TimeSpan Overlap { get; private set; } = settings.ListOverlap;

    /// <summary>Starts watching a study; call it before its upload, since a study may complete before the upload is answered.</summary>
    public void Watch(string studyUid) => _watched[studyUid] = new Watched(Stopwatch.GetTimestamp());

    /// <summary>Stops watching a study (its upload was refused); false when it was already reported.</summary>
    public bool Forget(string studyUid) => _watched.TryRemove(studyUid, out _);

    /// <param name="from">No study of interest was updated before this.</param>
    public async Task RunAsync(DateTimeOffset from, CancellationToken stop)
    {
        var since = from - Overlap;
        while (!stop.IsCancellationRequested)
        {
            var pollStarted = DateTimeOffset.UtcNow;
            foreach (var status in FinishedStatuses)
                await ReadAsync(status, since.UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
            Overlap = TimeSpan.FromTicks(Math.Clamp(2 * LatestListing.Ticks, settings.ListOverlap.Ticks, Math.Max(settings.ListOverlap.Ticks, MaxOverlap.Ticks)));
            since = pollStarted - Overlap;
            _previousPollStarted = pollStarted;
            await AskStragglersAsync();
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

    private async Task ReadAsync(string status, string since)
    {
        string? cursor = null;
        do
        {
            var page = await api.ListAsync(status, since, cursor, settings.ListPageSize)
                ?? throw new HttpRequestException($"GET /api/studies?status={status} was refused");
            foreach (var study in page.Items)
                if (_watched.TryRemove(study.Id, out _))
                {
                    if (_previousPollStarted - study.UpdatedAt is { } late && late > LatestListing) LatestListing = late;
                    finished(new FinishedStudy(study.Id, study.Status, study.CompletedAt, DateTimeOffset.UtcNow, FoundBy.List));
                }
            cursor = page.NextCursor;
        } while (cursor is not null);
    }

    private async Task AskStragglersAsync()
    {
        foreach (var (studyUid, watched) in _watched)
        {
            if (Stopwatch.GetElapsedTime(watched.Since) > settings.CompletionTimeout)
            {
                if (_watched.TryRemove(studyUid, out _))
                    finished(new FinishedStudy(studyUid, "timed out", null, DateTimeOffset.UtcNow, FoundBy.None));
                continue;
            }
            if (Stopwatch.GetElapsedTime(watched.LastAsked) < StragglerAfter) continue;
            watched.LastAsked = Stopwatch.GetTimestamp();
            if (await api.GetAsync(studyUid) is { IsFinished: true } state && _watched.TryRemove(studyUid, out _))
            {
                Interlocked.Increment(ref _foundByDetail);
                finished(new FinishedStudy(studyUid, state.Status, state.CompletedAt, DateTimeOffset.UtcNow, FoundBy.Detail));
            }
        }
    }

    /// <summary>When a study began to be watched, and when it was last asked for directly (initially then too).</summary>
    private sealed class Watched(long since)
    {
        public long Since { get; } = since;
        public long LastAsked { get; set; } = since;
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
