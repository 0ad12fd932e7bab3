using System.Diagnostics;
using MedImaging.Studies;
using MedImaging.Tests.AppHost.Emulators;
using MedImaging.Tests.ServiceHosting;
using MedImaging.Tests.TestHosting;
using Xunit.Abstractions;

namespace MedImaging.Tests.Silo.Grains;

/// <summary>
/// One large CT study (500 instances by default; MEDIMAGING_STUDY_INSTANCES sets another count) on two real silos:
/// every instance is handed to the study's grain as the Api does, then the study is finalized. Reports the wall time
/// from the last instance handed over to the study completed, the instances per second in quarters of the study (a rate
/// that falls as the study grows is what the grain must avoid), and the cores each silo used meanwhile (CPU time over
/// wall time, from /proc). A measurement, behind MEDIMAGING_LARGE_TESTS=1: nothing here asserts a time.
/// </summary>
[Collection(AwsEmulatorCollection.Name)]
public sealed class LargeStudyTests(AwsEmulatorFixture emulators, ITestOutputHelper output) : IAsyncLifetime
{
    private const string CorpusFile = "ct_ele_14s.dcm";
    private readonly SiloTestBed _bed = new(emulators);

    public async Task InitializeAsync()
    {
        await _bed.ProvisionAsync(new Dictionary<string, string> { ["Logging__LogLevel__MedImaging.Silo.Workers"] = "Debug" });
        await Task.WhenAll(_bed.StartSiloAsync(), _bed.StartSiloAsync());
    }

    public async Task DisposeAsync() => await _bed.DisposeAsync();

    [LargeTestFact]
    public async Task A_large_study_completes_with_every_instance_done_on_both_silos()
    {
        var instances = int.TryParse(Environment.GetEnvironmentVariable("MEDIMAGING_STUDY_INSTANCES"), out var n) ? n : 500;
        var study = $"2.25.{Random.Shared.NextInt64(1, long.MaxValue)}";
        var received = await Task.WhenAll(Enumerable.Range(1, instances).Select(i =>
            _bed.StoreAsync(study, $"{study}.{i}", SiloTestBed.CorpusVariant(CorpusFile, $"{study}.{i}"))));
        var cpuBefore = _bed.Silos.Select(s => CpuSeconds(s.ProcessId)).ToList();
        var clock = Stopwatch.StartNew();

        using (var gate = new SemaphoreSlim(16))
        {
            await Task.WhenAll(received.Select(async message =>
            {
                await gate.WaitAsync();
                try
                {
                    await _bed.SendAsync(message);
                }
                finally
                {
                    gate.Release();
                }
            }));
        }
        var lastHandedOver = clock.Elapsed;
        await _bed.SendAsync(new FinalizeStudy(study, instances, "client-1"));
        var completed = await _bed.WaitForStudyAsync(study, StudyStatus.Completed, TimeSpan.FromMinutes(30));
        var wall = clock.Elapsed;
        var cores = _bed.Silos.Select((s, i) => (CpuSeconds(s.ProcessId) - cpuBefore[i]) / wall.TotalSeconds).ToList();

        Assert.Equal(instances, completed.Instances.Count);
        Assert.All(completed.Instances, i => Assert.Equal(InstanceStatus.Done, i.Status));
        var finished = completed.Instances.Select(i => i.UpdatedAt).Order().ToList();
        var quarters = Enumerable.Range(0, 4).Select(q =>
        {
            var (from, to) = (finished[q * instances / 4], finished[Math.Min(instances - 1, (q + 1) * instances / 4 - 1)]);
            return instances / 4 / Math.Max(0.001, (to - from).TotalSeconds);
        }).ToList();
        output.WriteLine($"{instances} instances of {CorpusFile}, 2 silos, {Environment.ProcessorCount} cores, load {File.ReadAllText("/proc/loadavg").Trim()}");
        output.WriteLine($"handed over in {lastHandedOver.TotalSeconds:F1} s; last hand-over -> completed {(wall - lastHandedOver).TotalSeconds:F1} s; total {wall.TotalSeconds:F1} s ({instances / wall.TotalSeconds:F1} instances/s)");
        output.WriteLine($"instances/s by quarter of the study: {string.Join(", ", quarters.Select(q => q.ToString("F1")))}");
        output.WriteLine($"cores used: {string.Join(", ", cores.Select((c, i) => $"silo {i + 1} {c:F2}"))}");
        var runs = _bed.Silos.Select(s => s.Output.Count(l => l.Contains("an instance ran on this silo", StringComparison.Ordinal))).ToList();
        output.WriteLine($"instance runs per silo: {string.Join(", ", runs)}");
        Assert.All(runs, count => Assert.True(count > 0));
    }

    // utime + stime of the process, in seconds (clock ticks of 1/100 s).
    private static double CpuSeconds(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (long.Parse(fields[11]) + long.Parse(fields[12])) / 100.0;
    }
}
