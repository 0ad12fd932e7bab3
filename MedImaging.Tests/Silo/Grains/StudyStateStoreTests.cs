using MedImaging.Aws.Dynamo;
using MedImaging.Silo.Grains;
using MedImaging.Studies;
using MedImaging.Tests.AppHost.Emulators;
using MedImaging.Tests.ServiceHosting;

namespace MedImaging.Tests.Silo.Grains;

/// <summary>The study grain's state on DynamoDB Local: optimistic concurrency, and saves that write what changed.</summary>
[Collection(AwsEmulatorCollection.Name)]
public sealed class StudyStateStoreTests(AwsEmulatorFixture emulators) : ProvisionedAwsTest(emulators)
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UnixEpoch;

    [Fact]
    public async Task The_second_of_two_concurrent_activations_fails_to_save_and_loses_nothing_of_the_first()
    {
        const string key = "2.25.42";
        var first = new StudyStateStore(StudyTable, key);
        var second = new StudyStateStore(StudyTable, key);
        await first.ReadAsync(CancellationToken.None);
        await second.ReadAsync(CancellationToken.None);
        Assert.Equal(0, first.Version);

        first.Study = StudyRecord.New(key, Now);
        first.Put(Instance("1.1"));
        await first.WriteAsync(CancellationToken.None);
        second.Study = StudyRecord.New(key, Now);
        second.Put(Instance("2.2"));

        await Assert.ThrowsAsync<StudyConcurrencyException>(() => second.WriteAsync(CancellationToken.None));
        await second.ReadAsync(CancellationToken.None);
        Assert.Equal(first.Version, second.Version);
        Assert.Equal(["1.1"], second.Instances.Keys);
        Assert.Equal(1, second.Study!.InstanceCount);
    }

    [Fact]
    public async Task A_write_saves_the_instances_put_since_the_last_one_and_a_failed_write_keeps_them_for_the_next()
    {
        const string key = "2.25.43";
        var state = new StudyStateStore(StudyTable, key);
        await state.ReadAsync(CancellationToken.None);
        state.Study = StudyRecord.New(key, Now);
        state.Put(Instance("1.1"));
        await state.WriteAsync(CancellationToken.None);

        // An instance changed in memory without Put is not the store's to save: only what the grain says changed goes.
        state.Instances["1.1"] = state.Instances["1.1"] with { Status = InstanceStatus.Failed };
        state.Put(Instance("2.2"));
        await state.WriteAsync(CancellationToken.None);
        var saved = (await StudyTable.LoadAsync(key))!;
        Assert.Equal([InstanceStatus.Done, InstanceStatus.Done], saved.Instances.OrderBy(i => i.InstanceId).Select(i => i.Status));
        Assert.Equal(2, saved.Version);

        // Someone else saved: the write fails, and what it carried is written once the state is read again and saved.
        var other = new StudyStateStore(StudyTable, key);
        await other.ReadAsync(CancellationToken.None);
        await other.WriteAsync(CancellationToken.None);
        state.Put(Instance("3.3"));
        await Assert.ThrowsAsync<StudyConcurrencyException>(() => state.WriteAsync(CancellationToken.None));
        Assert.Equal(2, (await StudyTable.LoadAsync(key))!.Instances.Count);
    }

    [Fact]
    public async Task More_instances_than_one_request_holds_are_saved_in_several_writes()
    {
        const string key = "2.25.44";
        var state = new StudyStateStore(StudyTable, key);
        await state.ReadAsync(CancellationToken.None);
        state.Study = StudyRecord.New(key, Now);
        var count = StudyTable.MaxInstancesPerSave * 2 + 5;
        for (var i = 0; i < count; i++) state.Put(Instance($"1.{i}"));

        await state.WriteAsync(CancellationToken.None);

        var saved = (await StudyTable.LoadAsync(key))!;
        Assert.Equal(count, saved.Instances.Count);
        Assert.Equal(count, saved.Study.InstanceCount);
        Assert.Equal(3, saved.Version);
        Assert.Equal(state.Version, saved.Version);
    }

    private static InstanceRecord Instance(string id) =>
        new(id, InstanceStatus.Done, "ingest", $"incoming/2.25.42/{id}", "application/dicom", 1, new string('0', 64), Now, Now);
}
