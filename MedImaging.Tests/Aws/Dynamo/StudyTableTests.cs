using System.Text.Json;
using MedImaging.Aws.Configuration;
using MedImaging.Aws.Dynamo;
using MedImaging.Studies;
using MedImaging.Tests.AppHost.Emulators;
using MedImaging.Tests.ServiceHosting;

namespace MedImaging.Tests.Aws.Dynamo;

[Collection(AwsEmulatorCollection.Name)]
public sealed class StudyTableTests(AwsEmulatorFixture emulators) : ProvisionedAwsTest(emulators)
{
    private static readonly DateTimeOffset Now = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);
    private StudyTable _table = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _table = StudyTable;
    }

    [Fact]
    public async Task Saves_and_loads_a_study_with_its_instances_as_separate_items()
    {
        var study = StudyRecord.New(NewUid(), Now) with { Timeline = [new StudyEvent("received", Now)] };
        InstanceRecord[] instances = [Instance(NewUid()), Instance(NewUid()) with { Status = InstanceStatus.Failed, Error = "bad" }];

        var version = await _table.SaveAsync(study, instances, expectedVersion: 0);
        var loaded = await _table.LoadAsync(study.StudyKey);

        Assert.Equal(1, version);
        Assert.NotNull(loaded);
        Assert.Equal(1, loaded.Version);
        Assert.Equal(Json(study), Json(loaded.Study));
        Assert.Equal(instances.Select(Json).Order(), loaded.Instances.Select(Json).Order());
    }

    [Fact]
    public async Task A_write_based_on_a_stale_version_fails_and_writes_none_of_its_items()
    {
        var key = NewUid();
        await _table.SaveAsync(StudyRecord.New(key, Now), [], 0);
        var first = await _table.LoadAsync(key);
        var second = await _table.LoadAsync(key);

        await _table.SaveAsync(first!.Study with { InstanceCount = 1 }, [Instance("1.1")], first.Version);
        var conflict = await Assert.ThrowsAsync<StudyConcurrencyException>(
            () => _table.SaveAsync(second!.Study with { Status = StudyStatus.Completed }, [Instance("2.2")], second.Version));

        Assert.Equal(1, conflict.ExpectedVersion);
        var stored = await _table.LoadAsync(key);
        Assert.Equal(2, stored!.Version);
        Assert.Equal(StudyStatus.Received, stored.Study.Status);
        Assert.Equal(["1.1"], stored.Instances.Select(i => i.InstanceId));
    }

    [Fact]
    public async Task Two_first_writes_of_a_new_study_conflict()
    {
        var key = NewUid();

        await _table.SaveAsync(StudyRecord.New(key, Now), [Instance("1.1")], 0);

        await Assert.ThrowsAsync<StudyConcurrencyException>(() => _table.SaveAsync(StudyRecord.New(key, Now), [Instance("2.2")], 0));
    }

    [Fact]
    public async Task Create_if_absent_makes_a_version_0_stub_and_never_overwrites()
    {
        var key = NewUid();

        Assert.True(await _table.CreateIfAbsentAsync(StudyRecord.New(key, Now)));
        var stub = await _table.LoadAsync(key);
        await _table.SaveAsync(stub!.Study with { Status = StudyStatus.Completed }, [], stub.Version);
        Assert.False(await _table.CreateIfAbsentAsync(StudyRecord.New(key, Now)));

        Assert.Equal(0, stub.Version);
        Assert.Equal(StudyStatus.Completed, (await _table.LoadAsync(key))!.Study.Status);
    }

    [Fact]
    public async Task An_unknown_study_loads_as_null() => Assert.Null(await _table.LoadAsync(NewUid()));

    private static InstanceRecord Instance(string id) => new(
        id, InstanceStatus.Done, "ingest", $"incoming/x/{id}", "application/dicom", 10, new string('0', 64), Now, Now,
        [new StepRecord("verify", 1, Now, Now.AddMilliseconds(5), StepOutcome.Succeeded)]);

    private static string NewUid() => "2.25." + Random.Shared.NextInt64(1, long.MaxValue);

    private static string Json<T>(T value) => JsonSerializer.Serialize(value);
}
