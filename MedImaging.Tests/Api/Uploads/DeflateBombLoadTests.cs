using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using MedImaging.Api.Uploads;
using MedImaging.Testing;
using MedImaging.Tests.AppHost.Emulators;
using Xunit.Abstractions;

namespace MedImaging.Tests.Api.Uploads;

/// <summary>
/// 64 deflate bombs at once against a real Api process: each is refused with the inflate-limit problem, and the
/// process's peak resident memory (VmHWM) stays under 512 MB. Latencies are printed, not asserted (shared machine).
/// </summary>
[Collection(AwsEmulatorCollection.Name)]
public sealed class DeflateBombLoadTests(AwsEmulatorFixture emulators, ITestOutputHelper output)
{
    private const int Concurrent = 64;
    private const long MaxPeakRss = 512L * 1024 * 1024;

    public static TheoryData<string> Bombs => new() { "one value declaring 4 GB", "1 MiB values inflating to 4 GB" };

    [Theory]
    [MemberData(nameof(Bombs))]
    public async Task Concurrent_bombs_are_refused_with_their_reason_and_bounded_memory(string shape)
    {
        var bomb = shape == "one value declaring 4 GB"
            ? HostileDicom.DeflateBomb(inflatedBytes: 4L << 30)
            : HostileDicom.DeflateBomb(inflatedBytes: 4L << 30, valueBytes: 1 << 20);
        await using var api = await ApiUnderTest.StartAsync(emulators);
        using var http = new HttpClient { BaseAddress = api.Process.BaseAddress, Timeout = TimeSpan.FromMinutes(2) };
        var rssBefore = Status(api.Process.ProcessId, "VmRSS");

        var results = await Task.WhenAll(Enumerable.Range(0, Concurrent).Select(async _ =>
        {
            using var content = new ByteArrayContent(bomb);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/dicom");
            var clock = Stopwatch.StartNew();
            using var response = await http.PostAsync("/api/studies", content);
            var problem = await response.Content.ReadFromJsonAsync<ProblemWithType>();
            return (Status: (int)response.StatusCode, problem!.Type, problem.Limit, clock.Elapsed);
        }));

        var peak = Status(api.Process.ProcessId, "VmHWM");
        var latencies = results.Select(r => r.Elapsed.TotalMilliseconds).Order().ToList();
        output.WriteLine($"{shape}: {bomb.Length} bytes each, {Concurrent} at once; Api RSS before {rssBefore >> 20} MiB, peak {peak >> 20} MiB; " +
                         $"latency median {latencies[latencies.Count / 2]:F0} ms, max {latencies[^1]:F0} ms; load {File.ReadAllText("/proc/loadavg").Trim()}");
        Assert.All(results, r => Assert.Equal((422, UploadProblemTypes.InflateLimit), (r.Status, r.Type)));
        Assert.True(peak < MaxPeakRss, $"peak RSS {peak >> 20} MiB");
    }

    private static long Status(int pid, string field)
    {
        var line = File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith(field + ":", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) * 1024;
    }

    private sealed record ProblemWithType(string Type, long? Limit);
}
