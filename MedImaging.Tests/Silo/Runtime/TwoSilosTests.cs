using System.Security.Cryptography;
using MedImaging.Tests.Silo;
using System.Text.RegularExpressions;
using Amazon.S3.Model;
using MedImaging.Aws.Configuration;
using MedImaging.Aws.Sqs;
using MedImaging.Aws.Studies;
using MedImaging.Aws.StudyQueue;
using MedImaging.Tests.AppHost.Emulators;
using MedImaging.Tests.ServiceHosting;

namespace MedImaging.Tests.Silo.Runtime;

/// <summary>
/// Two Silo processes consume one study queue. Every turn's interval (state read to state saved) is taken from
/// both silos' logs: turns of one study never overlap, whichever silo ran them, and no message is lost.
/// </summary>
[Collection(AwsEmulatorCollection.Name)]
public sealed partial class TwoSilosTests(AwsEmulatorFixture emulators) : IAsyncLifetime
{
    private const int Studies = 16;
    private const int InstancesPerStudy = 4;
    private readonly LocalAws _aws = new(emulators);
    private ResourceNames _resources = null!;
    private readonly List<ServiceProcess> _silos = [];

    public async Task InitializeAsync()
    {
        _resources = await _aws.ProvisionAsync();
        var environment = _aws.ServiceEnvironment(_resources);
        environment["Logging__LogLevel__MedImaging.Silo.Runtime"] = "Debug";
        environment["MedImaging__GrainRuntime__MaxConcurrentStudies"] = "4";
        var silos = await Task.WhenAll(ServiceProcess.StartAsync("MedImaging.Silo", environment), ServiceProcess.StartAsync("MedImaging.Silo", environment));
        _silos.AddRange(silos);
    }

    public async Task DisposeAsync()
    {
        foreach (var silo in _silos) await silo.DisposeAsync();
        _aws.Dispose();
    }

    [Fact]
    public async Task No_study_is_handled_by_both_at_once_and_no_message_is_lost()
    {
        var queue = new SqsStudyQueue(_aws.Sqs, _resources);
        var studyKeys = Enumerable.Range(1, Studies).Select(i => $"2.25.{Random.Shared.NextInt64(1, long.MaxValue)}.{i}").ToList();
        // Interleaved, so that every receive mixes studies and both silos get messages of the same studies.
        for (var instance = 1; instance <= InstancesPerStudy; instance++)
        {
            foreach (var study in studyKeys)
                await queue.SendAsync(await StoreInstanceAsync(study, $"{study}.{instance}"));
        }
        foreach (var study in studyKeys)
            await queue.SendAsync(new FinalizeStudy(study, InstancesPerStudy, StudyKeys.NewUploadId()));

        await WaitUntilCompletedAsync(studyKeys, TimeSpan.FromSeconds(90));

        var turns = _silos.SelectMany(s => s.Output).Select(line => TurnLine().Match(line)).Where(m => m.Success)
            .Select(m => new Turn(m.Groups["ref"].Value, int.Parse(m.Groups["count"].Value), int.Parse(m.Groups["pid"].Value), long.Parse(m.Groups["start"].Value), long.Parse(m.Groups["end"].Value)))
            .ToList();
        Assert.Equal(_silos.Select(s => s.ProcessId).Order(), turns.Select(t => t.ProcessId).Distinct().Order());
        foreach (var study in studyKeys)
        {
            var ordered = turns.Where(t => t.StudyRef == StudyKeys.LogRef(study)).OrderBy(t => t.StartedMs).ToList();
            Assert.True(ordered.Sum(t => t.Messages) >= InstancesPerStudy + 1, $"{ordered.Sum(t => t.Messages)} messages handled for a study");
            foreach (var (previous, next) in ordered.Zip(ordered.Skip(1)))
                Assert.True(next.StartedMs >= previous.EndedMs, $"turns overlap: {previous} and {next}");
        }
        Assert.DoesNotContain(_silos.SelectMany(s => s.Output), line => line.Contains("changed concurrently"));
        await AssertQueueEmptyAsync(_resources.StudyQueueUrl);
        await AssertQueueEmptyAsync(_resources.StudyDeadLetterQueueUrl);
    }

    private async Task<InstanceReceived> StoreInstanceAsync(string study, string instance)
    {
        var bytes = SiloTestBed.CorpusVariant("pt_jpll70_16s.dcm", instance);
        var key = $"incoming/{study}/{instance}";
        await _aws.S3.PutObjectAsync(new PutObjectRequest { BucketName = _resources.IngestBucket, Key = key, InputStream = new MemoryStream(bytes) });
        return new InstanceReceived(study, instance, _resources.IngestBucket, key, "application/dicom", bytes.Length,
            Convert.ToHexStringLower(SHA256.HashData(bytes)), DateTimeOffset.UtcNow);
    }

    private async Task WaitUntilCompletedAsync(List<string> studyKeys, TimeSpan timeout)
    {
        var table = _aws.StudyTable(_resources);
        var deadline = DateTime.UtcNow + timeout;
        var pending = studyKeys.ToHashSet();
        while (pending.Count > 0)
        {
            foreach (var study in pending.ToList())
            {
                var snapshot = await table.LoadAsync(study);
                if (snapshot?.Study.Status != StudyStatus.Completed) continue;
                Assert.Equal(InstancesPerStudy, snapshot.Instances.Count);
                Assert.All(snapshot.Instances, i => Assert.Equal(InstanceStatus.Done, i.Status));
                pending.Remove(study);
            }
            Assert.True(DateTime.UtcNow < deadline,
                $"{pending.Count} studies not completed in time; silo output:\n{string.Join('\n', _silos.SelectMany(s => s.Output.TakeLast(30)))}");
            await Task.Delay(200);
        }
    }

    private async Task AssertQueueEmptyAsync(string queueUrl)
    {
        var attributes = await _aws.Sqs.GetQueueAttributesAsync(queueUrl);
        Assert.Equal("0", attributes[SqsQueueAttributes.ApproximateNumberOfMessages]);
        Assert.Equal("0", attributes[SqsQueueAttributes.ApproximateNumberOfMessagesNotVisible]);
    }

    private sealed record Turn(string StudyRef, int Messages, int ProcessId, long StartedMs, long EndedMs);

    [GeneratedRegex(@"turn \w+ x(?<count>\d+) for (?<ref>s-[0-9a-f]{12}) by (?<pid>\d+) ran (?<start>\d+)\.\.(?<end>\d+) ms")]
    private static partial Regex TurnLine();
}
