using MedImaging.Aws.Dynamo;
using MedImaging.Aws.Studies;
using MedImaging.Silo.Runtime;
using MedImaging.Tests.AppHost.Emulators;
using MedImaging.Tests.ServiceHosting;

namespace MedImaging.Tests.Silo.Runtime;

/// <summary>The grain state's optimistic concurrency: two activations of one study cannot both save.</summary>
[Collection(AwsEmulatorCollection.Name)]
public sealed class DynamoStudyStateTests(AwsEmulatorFixture emulators) : ProvisionedAwsTest(emulators)
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UnixEpoch;
    private StudyTable _table = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _table = StudyTable;
    }

    [Fact]
    public async Task The_second_of_two_concurrent_activations_fails_to_save_and_loses_nothing_of_the_first()
    {
        const string key = "2.25.42";
        var first = new DynamoStudyState(_table, key);
        var second = new DynamoStudyState(_table, key);
        await first.ReadStateAsync();
        await second.ReadStateAsync();
        Assert.False(first.RecordExists);

        first.State.Study = StudyRecord.New(key, Now);
        first.State.Instances["1.1"] = Instance("1.1");
        await first.WriteStateAsync();
        second.State.Study = StudyRecord.New(key, Now);
        second.State.Instances["2.2"] = Instance("2.2");

        await Assert.ThrowsAsync<StudyConcurrencyException>(() => second.WriteStateAsync());
        await second.ReadStateAsync();
        Assert.Equal(first.Etag, second.Etag);
        Assert.Equal(["1.1"], second.State.Instances.Keys);
        Assert.Equal(1, second.State.Study!.InstanceCount);
    }

    [Fact]
    public async Task A_kept_state_is_current_until_someone_else_saves_the_study()
    {
        const string key = "2.25.44";
        var kept = new DynamoStudyState(_table, key);
        await kept.ReadStateAsync();
        Assert.False(await kept.IsCurrentAsync());

        kept.State.Study = StudyRecord.New(key, Now);
        kept.State.Instances["1.1"] = Instance("1.1");
        await kept.WriteStateAsync();
        Assert.True(await kept.IsCurrentAsync());

        var other = new DynamoStudyState(_table, key);
        await other.ReadStateAsync();
        other.State.Instances["2.2"] = Instance("2.2");
        await other.WriteStateAsync();

        Assert.False(await kept.IsCurrentAsync());
        Assert.Equal(0, await _table.GetVersionAsync("2.25.45"));
    }

    [Fact]
    public async Task Each_write_advances_the_etag_and_a_reread_state_can_write_again()
    {
        const string key = "2.25.43";
        var state = new DynamoStudyState(_table, key);
        await state.ReadStateAsync();
        state.State.Study = StudyRecord.New(key, Now);
        await state.WriteStateAsync();
        var etag = state.Etag;

        state.State.Instances["1.1"] = Instance("1.1");
        await state.WriteStateAsync();

        Assert.NotEqual(etag, state.Etag);
        var reread = new DynamoStudyState(_table, key);
        await reread.ReadStateAsync();
        Assert.Equal(state.Etag, reread.Etag);
        Assert.True(reread.RecordExists);
        reread.State.Instances["1.1"] = reread.State.Instances["1.1"] with { Status = InstanceStatus.Failed };
        await reread.WriteStateAsync();
        Assert.Equal(InstanceStatus.Failed, (await _table.LoadAsync(key))!.Instances.Single().Status);
    }

    private static InstanceRecord Instance(string id) =>
        new(id, InstanceStatus.Done, "ingest", $"incoming/2.25.42/{id}", "application/dicom", 1, new string('0', 64), Now, Now);
}
