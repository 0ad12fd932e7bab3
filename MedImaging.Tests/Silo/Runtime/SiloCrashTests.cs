using System.Diagnostics;
using System.Text.Json;
using MedImaging.Studies;
using MedImaging.Tests.AppHost.Emulators;
using MedImaging.Tests.ServiceHosting;
using Xunit.Abstractions;

namespace MedImaging.Tests.Silo.Runtime;

/// <summary>
/// Crash safety: a study of distinct instances is ingested by two silos while one of them, at random, is killed with
/// SIGKILL at random moments and started again. Afterwards every expected output exists exactly once in S3 (no instance
/// lost, nothing written under a second key), every instance is done and the study is completed, and no save of the
/// study was refused as concurrent (never two activations of it at once). MEDIMAGING_CRASH_SOAK=1 runs the issue's
/// 10 rounds; MEDIMAGING_CRASH_KILLS=N sets the number of kills (0 measures plain throughput).
/// </summary>
[Collection(AwsEmulatorCollection.Name)]
public sealed class SiloCrashTests(AwsEmulatorFixture emulators, ITestOutputHelper output) : IAsyncLifetime
{
    private const string CorpusFile = "sc_rgb_rle.dcm";
    private static readonly bool Soak = Environment.GetEnvironmentVariable("MEDIMAGING_CRASH_SOAK") == "1";
    private readonly SiloTestBed _bed = new(emulators);

    public async Task InitializeAsync() =>
        await _bed.ProvisionAsync(new Dictionary<string, string>
        {
            // A killed silo's studies come back through their reminders: a short period keeps the test short.
            ["MedImaging__Studies__ReminderPeriod"] = "00:00:05",
        });

    public async Task DisposeAsync() => await _bed.DisposeAsync();

    [Fact]
    public async Task Killing_the_silo_at_random_moments_loses_no_instance_and_duplicates_no_output()
    {
        var instances = 200;
        var kills = int.TryParse(Environment.GetEnvironmentVariable("MEDIMAGING_CRASH_KILLS"), out var k) ? k : Soak ? 10 : 2;
        var study = $"2.25.{Random.Shared.NextInt64(1, long.MaxValue)}";
        var messages = await Task.WhenAll(Enumerable.Range(1, instances).Select(i =>
            _bed.StoreAsync(study, $"{study}.{i}", SiloTestBed.CorpusVariant(CorpusFile, $"{study}.{i}"))));


        ServiceProcess[] silos = [await _bed.StartSiloAsync(), await _bed.StartSiloAsync()];
        var clock = Stopwatch.StartNew();
        foreach (var message in messages) await _bed.SendAsync(message);
        await _bed.SendAsync(new FinalizeStudy(study, instances, "client-1"));

        for (var kill = 1; kill <= kills; kill++)
        {
            // Each kill lands at a random moment once the restarted silo is working again.
            var started = Stopwatch.StartNew();
            int done;
            while ((done = (await _bed.Table.LoadAsync(study))?.Instances.Count(i => i.Status == InstanceStatus.Done) ?? 0) < kill * instances / (kills + 2))
            {
                Assert.True(started.Elapsed < TimeSpan.FromSeconds(120), $"no progress before kill {kill}: {done} done");
                await Task.Delay(200);
            }
            await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(0, 1000)));
            var victim = Random.Shared.Next(silos.Length);
            Process.GetProcessById(silos[victim].ProcessId).Kill();
            output.WriteLine($"kill {kill} of silo {victim} at {clock.Elapsed.TotalSeconds:F1} s with {done}/{instances} instances done");
            silos[victim] = await _bed.StartSiloAsync();
        }

        var completed = await _bed.WaitForStudyAsync(study, StudyStatus.Completed, TimeSpan.FromSeconds(Soak ? 900 : 240));
        output.WriteLine($"{instances} instances completed in {clock.Elapsed.TotalSeconds:F1} s with {kills} kills: {instances / clock.Elapsed.TotalSeconds:F1} instances/s");

        Assert.Equal(instances, completed.Instances.Count);
        Assert.All(completed.Instances, i => Assert.Equal(InstanceStatus.Done, i.Status));
        var expected = completed.Instances
            .SelectMany(i => JsonDocument.Parse(i.Result!).RootElement.GetProperty("outputs").EnumerateArray()
                .Select(o => $"{o.GetProperty("bucket").GetString()}/{o.GetProperty("key").GetString()}"))
            .ToList();
        Assert.Equal(2 * instances, expected.Distinct().Count());

        // The destination bucket (quarantine: secondary captures may carry burned-in text) holds exactly the routed outputs,
        // each written there once. Processed bucket: per instance its result, and the report.
        var bucket = Assert.Single(expected.Select(o => o.Split('/')[0]).Distinct());
        Assert.Equal(_bed.Resources.QuarantineBucket, bucket);
        var routed = (await _bed.ListAsync(bucket)).Keys.Select(k => $"{bucket}/{k}").ToList();
        Assert.True(expected.Order().SequenceEqual(routed.Order()),
            $"{routed.Count} objects in {bucket}; missing: {string.Join(", ", expected.Except(routed).Take(5))}; unexpected: {string.Join(", ", routed.Except(expected).Take(5))}");
        var processed = await _bed.ListAsync(_bed.Resources.ProcessedBucket);
        Assert.Equal(instances + 1, processed.Count);
        Assert.Equal(instances, processed.Keys.Count(k => k.EndsWith(".json", StringComparison.Ordinal) && k != completed.Study.ReportKey));
        Assert.Contains(completed.Study.ReportKey!, processed.Keys);
        Assert.Empty(await _bed.DrainAsync(_bed.Resources.StudyDeadLetterQueueUrl, 1, TimeSpan.FromSeconds(1)));
        Assert.DoesNotContain(_bed.Silos.SelectMany(s => s.Output), line => line.Contains("StudyConcurrencyException", StringComparison.Ordinal));
    }
}
