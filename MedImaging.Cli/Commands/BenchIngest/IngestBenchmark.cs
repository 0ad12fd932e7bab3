using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;

namespace MedImaging.Cli.Commands.BenchIngest;

/// <summary>Runs the ingest benchmark: upload, then poll the study until it is completed, per study.</summary>
public sealed class IngestBenchmark(IngestBenchSettings settings, TextWriter progress)
{
    private readonly HttpClient _http = new() { BaseAddress = settings.ApiUrl, Timeout = TimeSpan.FromSeconds(60) };
    private readonly ConcurrentBag<StudyTiming> _timings = [];
    private int _failures;

    public async Task<IngestBenchReport> RunAsync()
    {
        var factory = new UniqueStudyFactory(settings.Source);
        var sample = factory.Next();
        await RunOneAsync(factory.Next()); // warm-up: connections and JIT on both sides; not counted
        _timings.Clear();
        _failures = 0;

        var next = 0;
        var clock = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, settings.Concurrency).Select(async _ =>
        {
            while (Interlocked.Increment(ref next) <= settings.Instances)
                await RunOneAsync(factory.Next());
        });
        await Task.WhenAll(workers);
        return new IngestBenchReport(settings, sample.Bytes.Length, [.. _timings], _failures, clock.Elapsed);
    }

    private async Task RunOneAsync((string StudyUid, byte[] Bytes) study)
    {
        using var content = new ByteArrayContent(study.Bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/dicom");
        var sentAt = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        using var response = await _http.PostAsync("/api/studies", content);
        var accepted = clock.Elapsed;
        if (response.StatusCode != HttpStatusCode.Accepted)
        {
            Interlocked.Increment(ref _failures);
            progress.WriteLine($"upload refused: {(int)response.StatusCode}");
            return;
        }
        while (clock.Elapsed < settings.CompletionTimeout)
        {
            var state = await _http.GetFromJsonAsync<StudyState>($"/api/studies/{study.StudyUid}");
            if (state is { Status: "completed", CompletedAt: { } completedAt })
            {
                _timings.Add(new StudyTiming(accepted.TotalMilliseconds, (completedAt - sentAt).TotalMilliseconds, clock.Elapsed.TotalMilliseconds));
                return;
            }
            await Task.Delay(settings.PollInterval);
        }
        Interlocked.Increment(ref _failures);
        progress.WriteLine("a study did not complete in time");
    }

    private sealed record StudyState(string Status, DateTimeOffset? CompletedAt);
}

/// <summary>One study: upload answered (202), completed as recorded by the grain, completed as seen by polling.</summary>
public sealed record StudyTiming(double AcceptedMs, double CompletedMs, double ObservedMs);
