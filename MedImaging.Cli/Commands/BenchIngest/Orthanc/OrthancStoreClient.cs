using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.Json;
using MedImaging.Cli.Benchmarking;

namespace MedImaging.Cli.Commands.BenchIngest.Orthanc;

/// <summary>Stores files in Orthanc with POST /instances, C requests at a time, and times each request and the whole run.</summary>
internal sealed class OrthancStoreClient(Uri orthanc, int concurrency) : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = orthanc, Timeout = TimeSpan.FromSeconds(60) };

    /// <param name="serverCpuSeconds">Reads the server's CPU seconds so far.</param>
    public async Task<OrthancStoreResult> StoreAsync(IReadOnlyList<byte[]> files, byte[]? warmup, string version, Func<double> serverCpuSeconds)
    {
        if (warmup is not null) await PostAsync(warmup); // connections and Orthanc's first-write setup; not counted
        var cpuBefore = serverCpuSeconds();
        var latencies = new ConcurrentBag<double>();
        var failures = 0;
        var next = -1;
        var clock = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, concurrency).Select(async _ =>
        {
            int index;
            while ((index = Interlocked.Increment(ref next)) < files.Count)
            {
                var started = clock.Elapsed;
                if (await PostAsync(files[index])) latencies.Add((clock.Elapsed - started).TotalMilliseconds);
                else Interlocked.Increment(ref failures);
            }
        });
        await Task.WhenAll(workers);
        var elapsed = clock.Elapsed;
        var cpu = serverCpuSeconds() - cpuBefore;
        var instances = await CountInstancesAsync() - (warmup is null ? 0 : 1);
        return new OrthancStoreResult(files.Count, instances, failures, elapsed.TotalSeconds, LatencySummary.Of(latencies), version, cpu);
    }

    private async Task<bool> PostAsync(byte[] file)
    {
        using var content = new ByteArrayContent(file);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/dicom");
        using var response = await _http.PostAsync("/instances", content);
        if (!response.IsSuccessStatusCode) return false;
        using var answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return answer.RootElement.TryGetProperty("Status", out var status) && status.GetString() == "Success";
    }

    private async Task<int> CountInstancesAsync()
    {
        using var statistics = JsonDocument.Parse(await _http.GetStringAsync("/statistics"));
        return statistics.RootElement.GetProperty("CountInstances").GetInt32();
    }

    public void Dispose() => _http.Dispose();
}

/// <summary>What the Orthanc peer did: files sent, instances Orthanc holds afterwards, refused requests, seconds,
/// per-request latency, and the CPU seconds Orthanc spent on them.</summary>
public sealed record OrthancStoreResult(int Sent, int Stored, int Failures, double Seconds, LatencySummary Latency, string Version, double CpuSeconds)
{
    public double InstancesPerSecond => Sent / Seconds;
}
