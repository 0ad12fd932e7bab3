using MedImaging.Aws.Sqs;
using MedImaging.Aws.Studies;
using MedImaging.Aws.StudyQueue;
using MedImaging.Tests.AppHost.Emulators;

namespace MedImaging.Tests.Silo.Runtime;

/// <summary>
/// Where a turn's state comes from: the first message of a study the Api just created starts from the Api's stub
/// without reading it; when that is wrong (the study was saved since), the save fails and the redelivered turn reads.
/// </summary>
[Collection(AwsEmulatorCollection.Name)]
public sealed class StudyGrainDispatcherTests(AwsEmulatorFixture emulators) : IAsyncLifetime
{
    private const string CorpusFile = "pt_jpll70_16s.dcm";
    private readonly SiloTestBed _bed = new(emulators);

    public async Task InitializeAsync()
    {
        await _bed.ProvisionAsync();
        await _bed.StartSiloAsync();
    }

    public async Task DisposeAsync() => await _bed.DisposeAsync();

    [Theory]
    [InlineData(false)] // POST /api/studies writes no item: the study is absent until this first save.
    [InlineData(true)] // A direct upload's completion writes the stub item.
    public async Task A_new_study_starts_from_the_api_stub_and_saves_it_as_if_read(bool stubWritten)
    {
        var study = NewStudyKey();
        var message = await _bed.StoreAsync(study, study + ".1", SiloTestBed.CorpusVariant(CorpusFile, study + ".1"));
        if (stubWritten) Assert.True(await _bed.Table.CreateIfAbsentAsync(StudyRecord.New(study, message.ReceivedAt)));

        await _bed.Queue.SendAsync(message with { NewStudy = true, ThenFinalize = new FinalizeRequest("upload-1", null) });
        var completed = await _bed.WaitForStudyAsync(study, StudyStatus.Completed, TimeSpan.FromSeconds(60));

        Assert.Equal(message.ReceivedAt, completed.Study.CreatedAt);
        Assert.Equal(new StudyEvent("received", message.ReceivedAt), completed.Study.Timeline![0]);
        Assert.Equal(1, completed.Study.InstanceCount);
        Assert.Equal(InstanceStatus.Done, Assert.Single(completed.Instances).Status);
        Assert.Equal(1, completed.Version);
        Assert.DoesNotContain(_bed.Silos[0].Output, line => line.Contains("changed concurrently"));
    }

    [Fact]
    public async Task A_study_saved_since_its_stub_makes_the_assumption_fail_and_the_redelivered_turn_reads_it()
    {
        var study = NewStudyKey();
        var first = await _bed.StoreAsync(study, study + ".1", SiloTestBed.CorpusVariant(CorpusFile, study + ".1"));
        Assert.True(await _bed.Table.CreateIfAbsentAsync(StudyRecord.New(study, first.ReceivedAt)));
        await _bed.Queue.SendAsync(first);
        await WaitForInstancesAsync(study, 1);
        // The next message goes to a silo that did not run that turn (the first would find the study's state in its
        // cache and assume nothing): a second silo over the same table, consuming a queue of its own.
        var otherQueueUrl = await _bed.Aws.Sqs.CreateQueueAsync(new CreateQueueRequest($"{AwsEmulatorFixture.UniqueName("study")}.fifo") { Fifo = true });
        _bed.Environment["AWS__Resources__StudyQueueUrl"] = otherQueueUrl;
        var silo = await _bed.StartSiloAsync();

        // Claims a new study although a turn saved it: starting from the stub would lose the first instance.
        var second = await _bed.StoreAsync(study, study + ".2", SiloTestBed.CorpusVariant(CorpusFile, study + ".2"));
        await new SqsStudyQueue(_bed.Aws.Sqs, _bed.Resources with { StudyQueueUrl = otherQueueUrl })
            .SendAsync(second with { NewStudy = true, ThenFinalize = new FinalizeRequest("upload-2", 2) });
        var completed = await _bed.WaitForStudyAsync(study, StudyStatus.Completed, TimeSpan.FromSeconds(60));

        Assert.True(silo.Output.Any(line => line.Contains("changed concurrently")), "no conflict in the silo's log:\n" + string.Join('\n', silo.Output.TakeLast(30)));
        Assert.Equal([study + ".1", study + ".2"], completed.Instances.Select(i => i.InstanceId).Order());
        Assert.All(completed.Instances, i => Assert.Equal(InstanceStatus.Done, i.Status));
        Assert.Equal(first.ReceivedAt, completed.Study.CreatedAt);
    }

    private async Task WaitForInstancesAsync(string study, int done)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (((await _bed.Table.LoadAsync(study))?.Instances.Count(i => i.Status == InstanceStatus.Done) ?? 0) < done)
        {
            Assert.True(DateTime.UtcNow < deadline, $"fewer than {done} instance(s) done");
            await Task.Delay(200);
        }
    }

    private static string NewStudyKey() => $"2.25.{Random.Shared.NextInt64(1, long.MaxValue)}";
}
