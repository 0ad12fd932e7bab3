using MedImaging.Aws.Sqs;
using MedImaging.Tests.AppHost.Emulators;

namespace MedImaging.Tests.Aws.Sqs;

/// <summary>
/// Sends of concurrent callers to a real FIFO queue on fauxqs: a lone send goes at once as a plain SendMessage; sends
/// arriving while one is in flight leave together in batches SQS takes (10 entries, 256 KiB); a refused entry fails
/// only the caller it belongs to; a send that would go alone while another caller said it will send soon waits for it
/// (bounded by the linger), and goes at once when nobody else is expected. The gate holds the first request, so that the others arrive while it is in flight.
/// </summary>
[Collection(AwsEmulatorCollection.Name)]
public sealed class SqsSendCoalescerTests(AwsEmulatorFixture fixture)
{
    [Fact]
    public async Task A_lone_send_goes_out_at_once_as_a_plain_SendMessage()
    {
        using var scene = await SceneAsync(holdFirst: null);
        var (gate, client, queueUrl, coalescer) = scene;

        // Nothing waits for company: with no request in flight the send needs no other caller to complete.
        await coalescer.SendAsync([Message(queueUrl, "study-1", "lone")]).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(["CreateQueue", "SendMessage"], gate.Operations);
        Assert.Equal(["lone"], await ReceiveAllAsync(client, queueUrl, 1));
    }

    [Fact]
    public async Task Sends_arriving_while_one_is_in_flight_leave_together_in_batches_of_ten()
    {
        using var scene = await SceneAsync(holdFirst: "SendMessage");
        var (gate, client, queueUrl, coalescer) = scene;

        var first = coalescer.SendAsync([Message(queueUrl, "study-0", "m0")]);
        await gate.FirstHeldArrived;
        var others = Enumerable.Range(1, 20).Select(i => coalescer.SendAsync([Message(queueUrl, $"study-{i}", $"m{i}")])).ToList();
        Assert.DoesNotContain(others, t => t.IsCompleted);
        gate.Release();
        await first;
        await Task.WhenAll(others);

        Assert.Equal(1, gate.Count("SendMessage"));
        Assert.Equal(2, gate.Count("SendMessageBatch"));
        Assert.Equal(Enumerable.Range(0, 21).Select(i => $"m{i}").Order(), (await ReceiveAllAsync(client, queueUrl, 21)).Order());
    }

    [Fact]
    public async Task A_refused_entry_fails_only_the_send_it_belongs_to_and_a_callers_messages_keep_their_order()
    {
        using var scene = await SceneAsync(holdFirst: "SendMessage");
        var (gate, client, queueUrl, coalescer) = scene;

        var first = coalescer.SendAsync([Message(queueUrl, "study-0", "m0")]);
        await gate.FirstHeldArrived;
        var ordered = coalescer.SendAsync([Message(queueUrl, "study-1", "a1"), Message(queueUrl, "study-1", "a2"), Message(queueUrl, "study-1", "a3")]);
        // SQS refuses a body with a control character, per entry.
        var refused = coalescer.SendAsync([Message(queueUrl, "study-2", "bad\u0001body")]);
        var after = coalescer.SendAsync([Message(queueUrl, "study-3", "c1")]);
        gate.Release();

        await first;
        await ordered;
        await after;
        var error = await Assert.ThrowsAsync<SqsException>(() => refused);
        Assert.Equal("InvalidMessageContents", error.ErrorCode);
        Assert.False(error.IsTransient);
        Assert.Equal(["CreateQueue", "SendMessage", "SendMessageBatch"], gate.Operations);
        var received = await ReceiveAllAsync(client, queueUrl, 5);
        Assert.Equal(["a1", "a2", "a3"], received.Where(b => b.StartsWith('a')));
        Assert.Equal(["a1", "a2", "a3", "c1", "m0"], received.Order());
    }

    [Fact]
    public async Task A_batch_stays_under_sqs_size_limit()
    {
        using var scene = await SceneAsync(holdFirst: "SendMessage");
        var (gate, client, queueUrl, coalescer) = scene;
        var large = new string('x', 100 * 1024);

        var first = coalescer.SendAsync([Message(queueUrl, "study-0", "small")]);
        await gate.FirstHeldArrived;
        // Three of 100 KiB do not fit one 256 KiB batch: two leave together, the third alone.
        var others = Enumerable.Range(1, 3).Select(i => coalescer.SendAsync([Message(queueUrl, $"study-{i}", large + i)])).ToList();
        gate.Release();
        await first;
        await Task.WhenAll(others);

        Assert.Equal(["CreateQueue", "SendMessage", "SendMessageBatch", "SendMessage"], gate.Operations);
        Assert.Equal(4, (await ReceiveAllAsync(client, queueUrl, 4)).Count);
    }

    [Fact]
    public async Task A_send_waits_for_the_other_expected_sender_and_leaves_with_it()
    {
        using var scene = await SceneAsync(holdFirst: null, linger: TimeSpan.FromMinutes(5));
        var (gate, client, queueUrl, coalescer) = scene;
        using var firstUpload = coalescer.ExpectSend();
        using var secondUpload = coalescer.ExpectSend();

        var first = coalescer.SendAsync([Message(queueUrl, "study-1", "first")]);
        await Task.Delay(200);
        Assert.False(first.IsCompleted);
        Assert.Equal(["CreateQueue"], gate.Operations);
        var second = coalescer.SendAsync([Message(queueUrl, "study-2", "second")]);
        await Task.WhenAll(first, second).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(["CreateQueue", "SendMessageBatch"], gate.Operations);
        Assert.Equal(["first", "second"], (await ReceiveAllAsync(client, queueUrl, 2)).Order());
    }

    [Fact]
    public async Task A_send_with_no_other_sender_expected_goes_at_once_despite_a_long_linger()
    {
        using var scene = await SceneAsync(holdFirst: null, linger: TimeSpan.FromMinutes(5));
        var (gate, client, queueUrl, coalescer) = scene;

        // The sender's own expectation is no reason to wait; nor is no expectation at all.
        using (coalescer.ExpectSend())
            await coalescer.SendAsync([Message(queueUrl, "study-1", "expected")]).WaitAsync(TimeSpan.FromSeconds(30));
        await coalescer.SendAsync([Message(queueUrl, "study-2", "unannounced")]).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(["CreateQueue", "SendMessage", "SendMessage"], gate.Operations);
        Assert.Equal(2, (await ReceiveAllAsync(client, queueUrl, 2)).Count);
    }

    [Fact]
    public async Task An_expected_sender_that_gives_up_lets_the_waiting_send_go()
    {
        using var scene = await SceneAsync(holdFirst: null, linger: TimeSpan.FromMinutes(5));
        var (gate, client, queueUrl, coalescer) = scene;
        using var sending = coalescer.ExpectSend();
        var refusedUpload = coalescer.ExpectSend();

        var send = coalescer.SendAsync([Message(queueUrl, "study-1", "kept")]);
        await Task.Delay(200);
        Assert.False(send.IsCompleted);
        refusedUpload.Dispose();
        await send.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(["CreateQueue", "SendMessage"], gate.Operations);
        Assert.Equal(["kept"], await ReceiveAllAsync(client, queueUrl, 1));
    }

    /// <summary>A fresh FIFO queue, a client whose requests pass the gate, and a coalescer over that client.</summary>
    private async Task<Scene> SceneAsync(string? holdFirst, TimeSpan linger = default)
    {
        var gate = new SqsRequestGate(holdFirst);
        var client = gate.Client(fixture.AwsOptions);
        return new Scene(gate, client, await CreateFifoQueueAsync(client), new SqsSendCoalescer(client, linger));
    }

    private sealed record Scene(SqsRequestGate Gate, SqsClient Client, string QueueUrl, SqsSendCoalescer Coalescer) : IDisposable
    {
        public void Dispose() => Client.Dispose();
    }

    private static SendMessageRequest Message(string queueUrl, string group, string body) =>
        new(queueUrl, body) { MessageGroupId = group, MessageDeduplicationId = Guid.NewGuid().ToString("N") };

    private static Task<string> CreateFifoQueueAsync(SqsClient client) =>
        client.CreateQueueAsync(new CreateQueueRequest(AwsEmulatorFixture.UniqueName("coalesced") + ".fifo") { Fifo = true });

    private static async Task<List<string>> ReceiveAllAsync(SqsClient client, string queueUrl, int expected)
    {
        var bodies = new List<string>();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (bodies.Count < expected && DateTime.UtcNow < deadline)
        {
            var messages = await client.ReceiveMessagesAsync(new ReceiveMessageRequest(queueUrl) { MaxNumberOfMessages = 10, WaitTimeSeconds = 1 });
            bodies.AddRange(messages.Select(m => m.Body));
            if (messages.Count > 0)
                await client.DeleteMessageBatchAsync(queueUrl, messages.Select(m => m.ReceiptHandle).ToList());
        }
        Assert.Equal(expected, bodies.Count);
        return bodies;
    }
}
