using Amazon.DynamoDBv2;
using MedImaging.Aws.Configuration;
using MedImaging.Aws.Dynamo;
using MedImaging.Studies;
using MedImaging.Tests.AppHost.Emulators;
using MedImaging.Tests.ServiceHosting;

namespace MedImaging.Tests.Aws.Dynamo;

/// <summary>
/// Group commit of study saves on DynamoDB Local: saves of different studies made at the same time share one
/// transaction, a study whose condition fails in a shared transaction fails alone and writes nothing, the others are
/// saved. On a busy table saves wait for company (linger) until enough wait or the oldest waited the linger; on a quiet
/// one they go at once. Requests are counted on the table's own client; the linger tests run on a clock that moves only
/// when the test says, so what waits and what leaves does not depend on timing.
/// </summary>
[Collection(AwsEmulatorCollection.Name)]
public sealed class StudyWriteBatchingTests(AwsEmulatorFixture emulators) : ProvisionedAwsTest(emulators)
{
    private static readonly DateTimeOffset Now = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);
    private static readonly TimeSpan Linger = TimeSpan.FromMilliseconds(20);

    // Only against a hang: a save kept back on a clock that stands still would never leave.
    private static readonly TimeSpan Hang = TimeSpan.FromSeconds(60);
    private readonly OperationCounter _requests = new();
    private AmazonDynamoDBClient _dynamo = null!;
    private StudyTable _table = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _dynamo = AwsSdkClients.CreateDynamoDb(Aws.Options, _requests);
        _table = new StudyTable(_dynamo, Resources.StudyTable);
    }

    public override Task DisposeAsync()
    {
        _dynamo.Dispose();
        return base.DisposeAsync();
    }

    [Fact]
    public async Task Concurrent_saves_of_different_studies_share_transactions_and_all_arrive()
    {
        var keys = Enumerable.Range(0, 20).Select(_ => NewUid()).ToList();

        var versions = await Task.WhenAll(keys.Select(k => _table.SaveAsync(StudyRecord.New(k, Now), [Instance(k + ".1")], 0)));

        Assert.All(versions, v => Assert.Equal(1, v));
        // The first goes at once; the others arrive while it is in flight and wait for the next request together.
        Assert.InRange(Requests("TransactWriteItems"), 1, keys.Count / 2);
        foreach (var key in keys)
        {
            var stored = await _table.LoadAsync(key);
            Assert.Equal(1, stored!.Version);
            Assert.Equal([key + ".1"], stored.Instances.Select(i => i.InstanceId));
        }
    }

    [Fact]
    public async Task A_study_whose_condition_fails_in_a_shared_transaction_fails_alone_writing_nothing_and_the_others_are_saved()
    {
        var keys = Enumerable.Range(0, 10).Select(_ => NewUid()).ToList();
        foreach (var key in keys) await _table.SaveAsync(StudyRecord.New(key, Now), [], 0);
        var stale = keys[4];
        var blocker = NewUid();
        var before = Requests("TransactWriteItems");

        // The blocker's request is in flight while the ten are queued, so they go as one transaction, which the stale
        // one cancels; the nine go again together.
        var saves = keys.Prepend(blocker).Select(k => k == blocker
            ? _table.SaveAsync(StudyRecord.New(k, Now), [Instance(k + ".1")], 0)
            : _table.SaveAsync(Completed(k), [Instance(k + ".1"), Instance(k + ".2")], k == stale ? 0 : 1)).ToList();
        var conflict = await Assert.ThrowsAsync<StudyConcurrencyException>(() => saves[keys.IndexOf(stale) + 1]);
        await Task.WhenAll(saves.Where((_, i) => i != keys.IndexOf(stale) + 1));

        Assert.Equal(0, conflict.ExpectedVersion);
        // Usually three (the blocker, the ten, the nine); how the queue splits depends on when the blocker's request
        // returns (7 seen on an idle machine), so only sharing is asserted: fewer transactions than saves.
        Assert.InRange(Requests("TransactWriteItems") - before, 2, keys.Count);
        var staleStored = await _table.LoadAsync(stale);
        Assert.Equal(1, staleStored!.Version);
        Assert.Equal(StudyStatus.Received, staleStored.Study.Status);
        Assert.Empty(staleStored.Instances);
        foreach (var key in keys.Where(k => k != stale))
        {
            var stored = await _table.LoadAsync(key);
            Assert.Equal(2, stored!.Version);
            Assert.Equal(StudyStatus.Completed, stored.Study.Status);
            Assert.Equal([key + ".1", key + ".2"], stored.Instances.Select(i => i.InstanceId).Order());
        }
    }

    [Fact]
    public async Task A_study_that_makes_DynamoDB_refuse_a_shared_transaction_fails_alone_and_the_others_are_saved()
    {
        var keys = Enumerable.Range(0, 5).Select(_ => NewUid()).ToList();
        var oversized = keys[2];
        var blocker = _table.SaveAsync(StudyRecord.New(NewUid(), Now), [Instance("0.1")], 0);

        // An item over DynamoDB's 400 KB limit makes it refuse the whole request without naming the item.
        var saves = keys.Select(k => _table.SaveAsync(StudyRecord.New(k, Now),
            [k == oversized ? Instance(k + ".1") with { Error = new string('x', 500_000) } : Instance(k + ".1")], 0)).ToList();
        await blocker;
        var refused = await Outcome(saves[keys.IndexOf(oversized)]);
        await Task.WhenAll(saves.Where((_, i) => i != keys.IndexOf(oversized)));

        Assert.IsAssignableFrom<AmazonDynamoDBException>(refused);
        Assert.Null(await _table.LoadAsync(oversized));
        foreach (var key in keys.Where(k => k != oversized))
            Assert.Equal([key + ".1"], (await _table.LoadAsync(key))!.Instances.Select(i => i.InstanceId));
    }

    [Fact]
    public async Task Concurrent_saves_of_one_study_from_the_same_version_never_both_win()
    {
        var key = NewUid();
        await _table.SaveAsync(StudyRecord.New(key, Now), [], 0);
        var blocker = _table.SaveAsync(StudyRecord.New(NewUid(), Now), [Instance("0.1")], 0);

        var saves = new[] { "1.1", "2.2", "3.3" }.Select(id => Outcome(_table.SaveAsync(Completed(key), [Instance(id)], 1))).ToList();
        await blocker;
        var outcomes = await Task.WhenAll(saves);

        Assert.Single(outcomes, o => o is null);
        Assert.All(outcomes.OfType<Exception>(), e => Assert.IsType<StudyConcurrencyException>(e));
        var stored = await _table.LoadAsync(key);
        Assert.Equal(2, stored!.Version);
        Assert.Single(stored.Instances);
    }

    [Fact]
    public async Task A_lone_save_without_instance_items_is_one_conditional_put()
    {
        var key = NewUid();
        await _table.SaveAsync(StudyRecord.New(key, Now), [Instance("1.1")], 0);
        var (puts, transactions) = (Requests("PutItem"), Requests("TransactWriteItems"));

        await _table.SaveAsync(Completed(key), [], 1);
        await Assert.ThrowsAsync<StudyConcurrencyException>(() => _table.SaveAsync(StudyRecord.New(key, Now), [], 1));

        Assert.Equal(puts + 2, Requests("PutItem"));
        Assert.Equal(transactions, Requests("TransactWriteItems"));
        var stored = await _table.LoadAsync(key);
        Assert.Equal(2, stored!.Version);
        Assert.Equal(StudyStatus.Completed, stored.Study.Status);
        Assert.Equal(["1.1"], stored.Instances.Select(i => i.InstanceId));
    }

    [Fact]
    public async Task A_save_cancelled_while_it_waits_is_never_written()
    {
        var key = NewUid();
        var blocker = _table.SaveAsync(StudyRecord.New(NewUid(), Now), [Instance("0.1")], 0);
        using var cancel = new CancellationTokenSource();

        var waiting = _table.SaveAsync(StudyRecord.New(key, Now), [Instance("1.1")], 0, cancel.Token);
        await cancel.CancelAsync();
        var outcome = await Outcome(waiting);
        await blocker;

        Assert.IsAssignableFrom<OperationCanceledException>(outcome);
        Assert.Null(await _table.LoadAsync(key));
        var later = await _table.SaveAsync(StudyRecord.New(NewUid(), Now), [Instance("2.1")], 0);
        Assert.Equal(1, later);
    }

    [Fact]
    public async Task Saves_on_a_quiet_table_go_at_once()
    {
        var table = Lingering(new ManualClock(), enoughStudies: 100);
        var key = NewUid();
        var before = Requests("TransactWriteItems");

        // One study saved turn after turn: each commit carried it alone with nobody waiting, so the next is not kept back.
        await table.SaveAsync(StudyRecord.New(key, Now), [Instance(key + ".1")], 0).WaitAsync(Hang);
        await table.SaveAsync(Completed(key), [Instance(key + ".2")], 1).WaitAsync(Hang);

        Assert.Equal(before + 2, Requests("TransactWriteItems"));
        Assert.Equal(2, (await _table.LoadAsync(key))!.Version);
    }

    [Fact]
    public async Task On_a_busy_table_saves_wait_for_company_until_enough_studies_wait_and_then_share_one_request()
    {
        var table = Lingering(new ManualClock(), enoughStudies: 4);
        var keys = Enumerable.Range(0, 5).Select(_ => NewUid()).ToList();
        var before = Requests("TransactWriteItems");

        var (first, waiting) = await SaveWhileOneIsInFlight(table, keys[0], keys[1..3]);
        Assert.DoesNotContain(waiting, t => t.IsCompleted);
        waiting.AddRange(keys[3..].Select(k => table.SaveAsync(StudyRecord.New(k, Now), [Instance(k + ".1")], 0)));
        await Task.WhenAll(waiting).WaitAsync(Hang);

        Assert.Equal(1, await first);
        Assert.Equal(before + 2, Requests("TransactWriteItems"));
        foreach (var key in keys)
            Assert.Equal([key + ".1"], (await _table.LoadAsync(key))!.Instances.Select(i => i.InstanceId));
    }

    [Fact]
    public async Task Lingering_saves_leave_together_once_the_oldest_waited_the_linger_and_a_table_quiet_for_a_linger_sends_at_once_again()
    {
        var clock = new ManualClock();
        var table = Lingering(clock, enoughStudies: 100);
        var keys = Enumerable.Range(0, 4).Select(_ => NewUid()).ToList();
        var before = Requests("TransactWriteItems");

        var (_, waiting) = await SaveWhileOneIsInFlight(table, keys[0], keys[1..3]);
        Assert.DoesNotContain(waiting, t => t.IsCompleted);
        clock.Advance(Linger);
        await Task.WhenAll(waiting).WaitAsync(Hang);
        Assert.Equal(before + 2, Requests("TransactWriteItems"));

        // That commit carried two studies (busy), but a save arriving a linger after it finds a quiet table.
        clock.Advance(Linger);
        await table.SaveAsync(StudyRecord.New(keys[3], Now), [Instance(keys[3] + ".1")], 0).WaitAsync(Hang);

        Assert.Equal(before + 3, Requests("TransactWriteItems"));
        foreach (var key in keys)
            Assert.Equal(1, (await _table.LoadAsync(key))!.Version);
    }

    [Fact]
    public async Task A_save_cancelled_while_it_lingers_is_never_written_and_the_others_still_leave()
    {
        var clock = new ManualClock();
        var table = Lingering(clock, enoughStudies: 100);
        var (kept, withdrawn) = (NewUid(), NewUid());
        using var cancel = new CancellationTokenSource();

        var first = table.SaveAsync(StudyRecord.New(NewUid(), Now), [Instance("0.1")], 0);
        var keptSave = table.SaveAsync(StudyRecord.New(kept, Now), [Instance(kept + ".1")], 0);
        var withdrawnSave = table.SaveAsync(StudyRecord.New(withdrawn, Now), [Instance(withdrawn + ".1")], 0, cancel.Token);
        await first;
        await cancel.CancelAsync();
        var outcome = await Outcome(withdrawnSave).WaitAsync(Hang);
        Assert.False(keptSave.IsCompleted);
        clock.Advance(Linger);
        await keptSave.WaitAsync(Hang);

        Assert.IsAssignableFrom<OperationCanceledException>(outcome);
        Assert.Null(await _table.LoadAsync(withdrawn));
        Assert.Equal(1, (await _table.LoadAsync(kept))!.Version);
    }

    private StudyTable Lingering(ManualClock clock, int enoughStudies) =>
        new(_dynamo, Resources.StudyTable, new StudyWriteBatching { Linger = Linger, EnoughStudies = enoughStudies }, clock);

    /// <summary>
    /// Saves a study on a quiet table (sent at once) and the others while its request is in flight; once it is saved
    /// the table is busy (its commit left others waiting).
    /// </summary>
    private static async Task<(Task<long> First, List<Task<long>> Waiting)> SaveWhileOneIsInFlight(StudyTable table, string first, IEnumerable<string> others)
    {
        var firstSave = table.SaveAsync(StudyRecord.New(first, Now), [Instance(first + ".1")], 0);
        var waiting = others.Select(k => table.SaveAsync(StudyRecord.New(k, Now), [Instance(k + ".1")], 0)).ToList();
        await firstSave.WaitAsync(Hang);
        return (firstSave, waiting);
    }

    private int Requests(string operation) => _requests[operation];

    private static async Task<Exception?> Outcome(Task save)
    {
        try
        {
            await save;
            return null;
        }
        catch (Exception e)
        {
            return e;
        }
    }

    private static StudyRecord Completed(string key) => StudyRecord.New(key, Now) with { Status = StudyStatus.Completed, UpdatedAt = Now.AddMinutes(1) };

    private static InstanceRecord Instance(string id) =>
        new(id, InstanceStatus.Done, "ingest", $"incoming/x/{id}", "application/dicom", 10, new string('0', 64), Now, Now);

    private static string NewUid() => "2.25." + Random.Shared.NextInt64(1, long.MaxValue);
}
