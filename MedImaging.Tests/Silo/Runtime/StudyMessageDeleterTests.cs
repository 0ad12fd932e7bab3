using MedImaging.Aws.Sqs;
using MedImaging.Aws.Studies;
using MedImaging.Aws.StudyQueue;
using MedImaging.Silo.Runtime;
using MedImaging.Tests.AppHost.Emulators;
using MedImaging.Tests.ServiceHosting;

namespace MedImaging.Tests.Silo.Runtime;

/// <summary>
/// Deletes of turns that end while another delete is in flight, or within the linger of each other, or before the
/// consumer's next receive, leave together, in batches SQS takes, and each turn learns only about its own messages. The deletes go to a real study queue; a wrapper holds the first request back
/// (so that the others arrive while it is in flight) and can refuse a message, as SQS may per batch entry.
/// </summary>
[Collection(AwsEmulatorCollection.Name)]
public sealed class StudyMessageDeleterTests(AwsEmulatorFixture emulators) : ProvisionedAwsTest(emulators)
{
    [Fact]
    public async Task Deletes_arriving_while_one_is_in_flight_leave_together_in_batches_of_ten()
    {
        var queue = new HeldBackQueue(new SqsStudyQueue(Aws.Sqs, Resources));
        var received = await SendAndReceiveAsync(queue.Inner, 21);
        var deleter = new StudyMessageDeleter(queue);

        var first = deleter.DeleteAsync([received[0]], CancellationToken.None);
        await queue.FirstRequestArrived;
        var others = received.Skip(1).Select(m => deleter.DeleteAsync([m], CancellationToken.None)).ToList();
        Assert.DoesNotContain(others, t => t.IsCompleted);
        queue.Release();
        await first;
        await Task.WhenAll(others);

        Assert.Equal([1, 10, 10], queue.Requests.Select(r => r.Count));
        Assert.Equal(received.Select(m => m.MessageId).Order(), queue.Requests.SelectMany(r => r).Select(m => m.MessageId).Order());
        await AssertQueueEmptyAsync();
    }

    [Fact]
    public async Task A_message_the_queue_did_not_delete_fails_only_the_turn_it_belongs_to()
    {
        var queue = new HeldBackQueue(new SqsStudyQueue(Aws.Sqs, Resources));
        var received = await SendAndReceiveAsync(queue.Inner, 5);
        queue.Refused = received[3];
        var deleter = new StudyMessageDeleter(queue);

        var first = deleter.DeleteAsync([received[0]], CancellationToken.None);
        await queue.FirstRequestArrived;
        var oneTurn = deleter.DeleteAsync([received[1], received[2]], CancellationToken.None);
        var refusedTurn = deleter.DeleteAsync([received[3], received[4]], CancellationToken.None);
        queue.Release();

        await first;
        await oneTurn;
        var error = await Assert.ThrowsAsync<StudyMessageDeleteException>(() => refusedTurn);
        Assert.Equal(received[3], Assert.Single(error.Failures).Message);
        Assert.Equal(2, queue.Requests.Count);
    }

    [Fact]
    public async Task A_delete_with_no_other_study_in_hand_goes_at_once_despite_a_long_linger()
    {
        var queue = new HeldBackQueue(new SqsStudyQueue(Aws.Sqs, Resources)) { HoldFirst = false };
        var received = await SendAndReceiveAsync(queue.Inner, 1);
        var deleter = new StudyMessageDeleter(queue, linger: TimeSpan.FromMinutes(5));

        // A quiet silo: nobody else could join, so the delete does not wait for the linger (bound only against a hang).
        await deleter.DeleteAsync(received, othersInHand: 0, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal([1], queue.Requests.Select(r => r.Count));
        await AssertQueueEmptyAsync();
    }

    [Fact]
    public async Task Deletes_of_the_studies_in_hand_linger_and_leave_together_once_all_of_them_wait()
    {
        var queue = new HeldBackQueue(new SqsStudyQueue(Aws.Sqs, Resources)) { HoldFirst = false };
        var received = await SendAndReceiveAsync(queue.Inner, 3);
        var deleter = new StudyMessageDeleter(queue, linger: TimeSpan.FromMinutes(5));

        // Three studies in hand: the first two deletes wait for the third, which completes the set and sends all three.
        var first = deleter.DeleteAsync([received[0]], othersInHand: 2, CancellationToken.None);
        var second = deleter.DeleteAsync([received[1]], othersInHand: 2, CancellationToken.None);
        await Task.Delay(200);
        Assert.False(first.IsCompleted);
        Assert.Empty(queue.Requests);
        var third = deleter.DeleteAsync([received[2]], othersInHand: 2, CancellationToken.None);
        await Task.WhenAll(first, second, third).WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal([3], queue.Requests.Select(r => r.Count));
        await AssertQueueEmptyAsync();
    }

    [Fact]
    public async Task A_lingering_delete_leaves_after_the_linger_when_no_other_study_ends_its_turn()
    {
        var queue = new HeldBackQueue(new SqsStudyQueue(Aws.Sqs, Resources)) { HoldFirst = false };
        var received = await SendAndReceiveAsync(queue.Inner, 1);
        var deleter = new StudyMessageDeleter(queue, linger: TimeSpan.FromMilliseconds(50));

        await deleter.DeleteAsync(received, othersInHand: 7, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal([1], queue.Requests.Select(r => r.Count));
        await AssertQueueEmptyAsync();
    }

    [Fact]
    public async Task Ten_waiting_messages_end_the_linger()
    {
        var queue = new HeldBackQueue(new SqsStudyQueue(Aws.Sqs, Resources)) { HoldFirst = false };
        var received = await SendAndReceiveAsync(queue.Inner, 10);
        var deleter = new StudyMessageDeleter(queue, linger: TimeSpan.FromMinutes(5));

        var deletes = received.Select(m => deleter.DeleteAsync([m], othersInHand: 20, CancellationToken.None)).ToList();
        await Task.WhenAll(deletes).WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal([10], queue.Requests.Select(r => r.Count));
        await AssertQueueEmptyAsync();
    }

    [Fact]
    public async Task Deletes_that_waited_for_a_request_in_flight_linger_for_company_after_it()
    {
        var queue = new HeldBackQueue(new SqsStudyQueue(Aws.Sqs, Resources));
        var received = await SendAndReceiveAsync(queue.Inner, 4);
        var deleter = new StudyMessageDeleter(queue, linger: TimeSpan.FromMinutes(5));

        // A quiet silo's delete goes at once (held in flight here); two studies end their turns meanwhile, a third is in hand.
        var first = deleter.DeleteAsync([received[0]], othersInHand: 0, CancellationToken.None);
        await queue.FirstRequestArrived;
        var second = deleter.DeleteAsync([received[1]], othersInHand: 2, CancellationToken.None);
        var third = deleter.DeleteAsync([received[2]], othersInHand: 2, CancellationToken.None);
        queue.Release();
        await first;
        // They do not leave as soon as the request in flight is answered: the third study may still join them.
        await Task.Delay(200);
        Assert.False(second.IsCompleted);
        Assert.Single(queue.Requests);
        var fourth = deleter.DeleteAsync([received[3]], othersInHand: 2, CancellationToken.None);
        await Task.WhenAll(second, third, fourth).WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal([1, 3], queue.Requests.Select(r => r.Count));
        await AssertQueueEmptyAsync();
    }

    [Fact]
    public async Task Deletes_ride_along_with_a_receive_and_go_at_once_while_it_waits()
    {
        var queue = new HeldBackQueue(new SqsStudyQueue(Aws.Sqs, Resources)) { HoldFirst = false };
        var received = await SendAndReceiveAsync(queue.Inner, 4);
        var deleter = new StudyMessageDeleter(queue, linger: TimeSpan.FromMinutes(5));

        // A saturated silo (no receive pending): deletes linger for company.
        var lingering = new[] { received[0], received[1] }.Select(m => deleter.DeleteAsync([m], othersInHand: 7, CancellationToken.None)).ToList();
        await Task.Delay(200);
        Assert.Empty(queue.Requests);
        // The consumer receives: the waiting deletes leave, and one arriving while the receive waits leaves at once.
        using (deleter.Receiving())
        {
            await Task.WhenAll(lingering).WaitAsync(TimeSpan.FromSeconds(60));
            await deleter.DeleteAsync([received[2]], othersInHand: 7, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(60));
        }
        // The receive returned: saturated again, a delete lingers.
        var later = deleter.DeleteAsync([received[3]], othersInHand: 7, CancellationToken.None);
        await Task.Delay(200);
        Assert.False(later.IsCompleted);
        using (deleter.Receiving()) await later.WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal([2, 1, 1], queue.Requests.Select(r => r.Count));
        await AssertQueueEmptyAsync();
    }

    private async Task<List<ReceivedStudyMessage>> SendAndReceiveAsync(IStudyQueue queue, int count)
    {
        // One message per study, so that a receive may return them all at once.
        for (var i = 0; i < count; i++)
            await queue.SendAsync(new FinalizeStudy($"2.25.{Random.Shared.NextInt64(1, long.MaxValue)}", null, StudyKeys.NewUploadId()));
        var received = new List<ReceivedStudyMessage>();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (received.Count < count && DateTime.UtcNow < deadline)
            received.AddRange(await queue.ReceiveAsync(10, TimeSpan.FromSeconds(1), CancellationToken.None));
        Assert.Equal(count, received.Count);
        return received;
    }

    private async Task AssertQueueEmptyAsync()
    {
        var attributes = await Aws.Sqs.GetQueueAttributesAsync(Resources.StudyQueueUrl);
        Assert.Equal("0", attributes[SqsQueueAttributes.ApproximateNumberOfMessages]);
        Assert.Equal("0", attributes[SqsQueueAttributes.ApproximateNumberOfMessagesNotVisible]);
    }

    /// <summary>The real queue, except that its first delete request waits for <see cref="Release"/> and one message may be refused.</summary>
    private sealed class HeldBackQueue(IStudyQueue inner) : IStudyQueue
    {
        private readonly TaskCompletionSource _firstArrived = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public IStudyQueue Inner => inner;

        public List<IReadOnlyList<ReceivedStudyMessage>> Requests { get; } = [];

        public ReceivedStudyMessage? Refused { get; set; }

        public Task FirstRequestArrived => _firstArrived.Task;

        /// <summary>False lets every request through at once.</summary>
        public bool HoldFirst { get; init; } = true;

        public void Release() => _released.TrySetResult();

        public async Task<IReadOnlyList<StudyMessageDeleteFailure>> DeleteAsync(IReadOnlyList<ReceivedStudyMessage> messages, CancellationToken cancellationToken)
        {
            lock (Requests) Requests.Add(messages);
            _firstArrived.TrySetResult();
            if (HoldFirst) await _released.Task;
            var failures = (await inner.DeleteAsync(messages.Where(m => !ReferenceEquals(m, Refused)).ToList(), cancellationToken)).ToList();
            if (Refused is { } refused && messages.Contains(refused))
                failures.Add(new StudyMessageDeleteFailure(refused, new SqsException("ReceiptHandleIsInvalid", "refused by the test", System.Net.HttpStatusCode.BadRequest)));
            return failures;
        }

        public Task SendAsync(StudyMessage message, TimeSpan? delay = null, CancellationToken cancellationToken = default) => inner.SendAsync(message, delay, cancellationToken);

        public Task SendAsync(IReadOnlyList<StudyMessage> messages, CancellationToken cancellationToken = default) => inner.SendAsync(messages, cancellationToken);

        public Task<IReadOnlyList<ReceivedStudyMessage>> ReceiveAsync(int maxMessages, TimeSpan wait, CancellationToken cancellationToken) => inner.ReceiveAsync(maxMessages, wait, cancellationToken);

        public Task DeleteAsync(ReceivedStudyMessage message, CancellationToken cancellationToken) => inner.DeleteAsync(message, cancellationToken);

        public Task SetVisibilityAsync(ReceivedStudyMessage message, TimeSpan visibility, CancellationToken cancellationToken) => inner.SetVisibilityAsync(message, visibility, cancellationToken);

        public Task DeadLetterAsync(ReceivedStudyMessage message, string reason, CancellationToken cancellationToken) => inner.DeadLetterAsync(message, reason, cancellationToken);

        public Task SendToDeadLetterAsync(StudyMessage message, string reason, CancellationToken cancellationToken) => inner.SendToDeadLetterAsync(message, reason, cancellationToken);
    }
}
