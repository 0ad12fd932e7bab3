using System.Text.RegularExpressions;
using MedImaging.Aws.Sqs;
using MedImaging.Aws.Studies;
using MedImaging.Tests.AppHost.Emulators;

namespace MedImaging.Tests.Silo.Runtime;

/// <summary>
/// A real Silo with one slot and room for studies waiting beyond it: one receive brings every study waiting in the queue
/// (instead of one receive per slot freed), they still run one at a time, and a silo stopped while studies wait for a
/// slot gives those back to the queue at once, deleting no message whose turn did not save.
/// </summary>
[Collection(AwsEmulatorCollection.Name)]
public sealed partial class StudyQueueConsumerPrefetchTests(AwsEmulatorFixture emulators) : IAsyncLifetime
{
    private const int Studies = 4;
    private const int WaitingStudies = 10;
    private readonly SiloTestBed _bed = new(emulators);

    public async Task InitializeAsync() =>
        await _bed.ProvisionAsync(new Dictionary<string, string>
        {
            ["Logging__LogLevel__MedImaging.Silo.Runtime"] = "Debug",
            ["MedImaging__GrainRuntime__MaxConcurrentStudies"] = "1",
            ["MedImaging__GrainRuntime__PrefetchStudies"] = "9",
        });

    public async Task DisposeAsync() => await _bed.DisposeAsync();

    [Fact]
    public async Task One_receive_brings_the_waiting_studies_and_they_run_one_at_a_time()
    {
        var studies = await SendStudiesAsync();
        var silo = await _bed.StartSiloAsync();

        foreach (var study in studies)
        {
            var snapshot = await _bed.WaitForStudyAsync(study, StudyStatus.Completed, TimeSpan.FromSeconds(120));
            Assert.All(snapshot.Instances, i => Assert.Equal(InstanceStatus.Done, i.Status));
        }
        await _bed.WaitForIdleQueueAsync(TimeSpan.FromSeconds(30));

        var receives = silo.Output.Select(line => ReceivedLine().Match(line)).Where(m => m.Success && m.Groups[1].Value != "0").ToList();
        var receive = Assert.Single(receives);
        Assert.Equal($"{Studies}", receive.Groups[1].Value);
        Assert.Equal("10", receive.Groups[2].Value);
        // One slot: each turn starts after the previous one ended.
        var turns = silo.Output.Select(line => TurnLine().Match(line)).Where(m => m.Success)
            .Select(m => (Started: long.Parse(m.Groups[1].Value), Ended: long.Parse(m.Groups[2].Value))).OrderBy(t => t.Started).ToList();
        Assert.Equal(Studies, turns.Count);
        for (var i = 1; i < turns.Count; i++) Assert.True(turns[i].Started >= turns[i - 1].Ended, $"turns overlap: {string.Join(", ", turns)}");
    }

    [Fact]
    public async Task Studies_waiting_for_a_slot_when_the_silo_stops_go_back_to_the_queue_undeleted()
    {
        // Ten 3 MB mammograms, one slot: the silo cannot have run them all when the stop arrives (with four small files
        // on an idle machine it sometimes had, and the test then saw nothing go back).
        var studies = await SendStudiesAsync(WaitingStudies, "mg_jpll70_3k.dcm");
        var silo = await _bed.StartSiloAsync();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (!silo.Output.Any(line => ReceivedLine().Match(line) is { Success: true } m && m.Groups[1].Value != "0"))
        {
            Assert.True(DateTime.UtcNow < deadline, "the silo received nothing");
            await Task.Delay(10);
        }
        await silo.StopAsync(TimeSpan.FromSeconds(30));

        // Nothing stays in flight: the running study finished (or went back), the waiting ones were made visible at once.
        var attributes = await _bed.Aws.Sqs.GetQueueAttributesAsync(_bed.Resources.StudyQueueUrl);
        Assert.Equal("0", attributes[SqsQueueAttributes.ApproximateNumberOfMessagesNotVisible]);
        var back = await _bed.DrainAsync(_bed.Resources.StudyQueueUrl, WaitingStudies, TimeSpan.FromSeconds(3));
        var backStudies = back.Select(m => m.MessageGroupId).ToHashSet();
        // Every study either saved its turn (its message then deleted) or has its message back: none deleted unsaved.
        foreach (var study in studies)
        {
            var snapshot = await _bed.Table.LoadAsync(study);
            var saved = snapshot?.Instances.Any(i => i.Status == InstanceStatus.Done) == true;
            Assert.True(saved ^ backStudies.Contains(study), $"study saved: {saved}, message back: {backStudies.Contains(study)}");
        }
        Assert.NotEmpty(back);
    }

    private async Task<List<string>> SendStudiesAsync(int count = Studies, string file = "sc_rgb_rle.dcm")
    {
        var studies = Enumerable.Range(0, count).Select(_ => $"2.25.{Random.Shared.NextInt64(1, long.MaxValue)}").ToList();
        var messages = new List<StudyMessage>();
        foreach (var study in studies)
        {
            var message = await _bed.StoreCorpusFileAsync(study, study + ".1", file);
            messages.Add(message with { ThenFinalize = new FinalizeRequest("client-1", 1) });
        }
        await _bed.Queue.SendAsync(messages);
        return studies;
    }

    [GeneratedRegex(@"received (\d+) message\(s\) of \d+ studies, asked for (\d+)")]
    private static partial Regex ReceivedLine();

    [GeneratedRegex(@"turn \w+ x\d+ for \S+ by \d+ ran (\d+)\.\.(\d+) ms")]
    private static partial Regex TurnLine();
}
