using MedImaging.Aws.Studies;
using MedImaging.Aws.StudyQueue;
using MedImaging.Tests.AppHost.Emulators;
using MedImaging.Tests.Aws.Sqs;
using MedImaging.Tests.ServiceHosting;

namespace MedImaging.Tests.Aws.StudyQueue;

/// <summary>
/// Study messages of concurrent callers (the Api's uploads) on the provisioned FIFO study queue: those sent while a send
/// is in flight leave in one SendMessageBatch, with the same group ids (study keys) and deduplication ids as when sent
/// alone, and a study's messages keep their order.
/// </summary>
[Collection(AwsEmulatorCollection.Name)]
public sealed class SqsStudyQueueTests(AwsEmulatorFixture emulators) : ProvisionedAwsTest(emulators)
{
    [Fact]
    public async Task Concurrent_sends_leave_together_keeping_group_ids_deduplication_ids_and_each_studys_order()
    {
        var gate = new SqsRequestGate(holdFirst: "SendMessage");
        using var client = gate.Client(Aws.Options);
        var queue = new SqsStudyQueue(client, Resources);
        var singles = Enumerable.Range(0, 6).Select(_ => new FinalizeStudy(NewStudy(), null, StudyKeys.NewUploadId())).ToList();
        var ordered = NewStudy();
        var series = Enumerable.Range(1, 3).Select(i => new FinalizeStudy(ordered, i, StudyKeys.NewUploadId())).ToList();

        var first = queue.SendAsync(singles[0]);
        await gate.FirstHeldArrived;
        var others = singles.Skip(1).Select(m => queue.SendAsync(m)).Append(queue.SendAsync(series)).ToList();
        gate.Release();
        await first;
        await Task.WhenAll(others);
        Assert.Equal(["SendMessage", "SendMessageBatch"], gate.Operations);
        // The same message again is the same deduplication id: the queue keeps one.
        await queue.SendAsync(singles[1]);

        var received = new List<ReceivedStudyMessage>();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (received.Count < 9 && DateTime.UtcNow < deadline)
        {
            var batch = await queue.ReceiveAsync(10, TimeSpan.FromSeconds(1), CancellationToken.None);
            received.AddRange(batch);
            if (batch.Count > 0) await queue.DeleteAsync(batch, CancellationToken.None);
        }
        Assert.Empty(await queue.ReceiveAsync(10, TimeSpan.FromSeconds(1), CancellationToken.None));

        Assert.Equal(singles.Concat(series).Select(m => m.StudyKey).Order(), received.Select(m => m.GroupId).Order());
        Assert.All(received, m => Assert.Equal(m.GroupId, m.Message!.StudyKey));
        Assert.Equal(singles.Concat(series).Select(m => (object)m).ToHashSet(), received.Select(m => (object)m.Message!).ToHashSet());
        Assert.Equal([1, 2, 3], received.Where(m => m.GroupId == ordered).Select(m => ((FinalizeStudy)m.Message!).ExpectedInstances));
    }

    private static string NewStudy() => $"2.25.{Random.Shared.NextInt64(1, long.MaxValue)}";
}
