using MedImaging.Aws.Sqs;
using MedImaging.Tests.AppHost.Emulators;

namespace MedImaging.Tests.Aws.Sqs;

[Collection(AwsEmulatorCollection.Name)]
public sealed class SqsClientTests(AwsEmulatorFixture fixture) : IDisposable
{
    private readonly SqsClient client = SqsClient.Create(fixture.AwsOptions);

    public void Dispose() => client.Dispose();

    [Fact]
    public async Task Fifo_queue_with_redrive_policy_reports_its_attributes()
    {
        var (queueUrl, deadLetterArn) = await CreateFifoQueueWithDeadLetterQueueAsync(maxReceiveCount: 5);

        var attributes = await client.GetQueueAttributesAsync(queueUrl);

        Assert.Equal("true", attributes[SqsQueueAttributes.FifoQueue]);
        Assert.Equal(new SqsRedrivePolicy(deadLetterArn, 5), SqsRedrivePolicy.FromAttributeValue(attributes[SqsQueueAttributes.RedrivePolicy]));
        Assert.EndsWith(".fifo", attributes[SqsQueueAttributes.QueueArn]);
    }

    [Fact]
    public async Task CreateQueue_twice_returns_the_same_url_and_GetQueueUrl_finds_it()
    {
        var name = AwsEmulatorFixture.UniqueName("again") + ".fifo";
        var first = await client.CreateQueueAsync(new CreateQueueRequest(name) { Fifo = true });
        var second = await client.CreateQueueAsync(new CreateQueueRequest(name) { Fifo = true });

        Assert.Equal(first, second);
        Assert.Equal(first, await client.GetQueueUrlAsync(name));
    }

    [Fact]
    public async Task Message_round_trips_with_group_attributes_and_receive_count()
    {
        var (queueUrl, _) = await CreateFifoQueueWithDeadLetterQueueAsync(maxReceiveCount: 5);
        await client.SendMessageAsync(new SendMessageRequest(queueUrl, """{"kind":"InstanceReceived"}""")
        {
            MessageGroupId = "study-1",
            MessageDeduplicationId = "dedup-1",
            MessageAttributes = new Dictionary<string, SqsMessageAttribute>
            {
                ["traceparent"] = SqsMessageAttribute.String("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"),
                ["attempt"] = SqsMessageAttribute.Number(2),
                ["blob"] = SqsMessageAttribute.Binary([1, 2, 3]),
            },
        });

        var first = Assert.Single(await client.ReceiveMessagesAsync(new ReceiveMessageRequest(queueUrl) { WaitTimeSeconds = 1, VisibilityTimeout = 30 }));
        Assert.Equal("""{"kind":"InstanceReceived"}""", first.Body);
        Assert.Equal("study-1", first.MessageGroupId);
        Assert.Equal(1, first.ApproximateReceiveCount);
        Assert.Equal("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01", first.MessageAttributes["traceparent"].StringValue);
        Assert.Equal("2", first.MessageAttributes["attempt"].StringValue);
        Assert.Equal([1, 2, 3], first.MessageAttributes["blob"].BinaryValue);

        // Making it visible again redelivers it with a higher receive count.
        await client.ChangeMessageVisibilityAsync(queueUrl, first.ReceiptHandle, 0);
        var second = Assert.Single(await client.ReceiveMessagesAsync(new ReceiveMessageRequest(queueUrl) { WaitTimeSeconds = 1 }));
        Assert.Equal(first.MessageId, second.MessageId);
        Assert.Equal(2, second.ApproximateReceiveCount);

        await client.DeleteMessageAsync(queueUrl, second.ReceiptHandle);
        Assert.Empty(await client.ReceiveMessagesAsync(new ReceiveMessageRequest(queueUrl) { WaitTimeSeconds = 1 }));
    }

    [Fact]
    public async Task Fifo_group_holds_back_later_messages_while_one_is_in_flight()
    {
        var (queueUrl, _) = await CreateFifoQueueWithDeadLetterQueueAsync(maxReceiveCount: 5);
        foreach (var index in Enumerable.Range(1, 3))
        {
            await client.SendMessageAsync(new SendMessageRequest(queueUrl, $"m{index}") { MessageGroupId = "g", MessageDeduplicationId = $"d{index}" });
        }

        var first = Assert.Single(await client.ReceiveMessagesAsync(new ReceiveMessageRequest(queueUrl) { VisibilityTimeout = 30 }));
        Assert.Equal("m1", first.Body);
        Assert.Empty(await client.ReceiveMessagesAsync(new ReceiveMessageRequest(queueUrl) { VisibilityTimeout = 30 }));

        await client.DeleteMessageAsync(queueUrl, first.ReceiptHandle);
        var next = Assert.Single(await client.ReceiveMessagesAsync(new ReceiveMessageRequest(queueUrl) { VisibilityTimeout = 30 }));
        Assert.Equal("m2", next.Body);
    }

    [Fact]
    public async Task DeleteMessageBatch_deletes_every_message_it_names()
    {
        var (queueUrl, _) = await CreateFifoQueueWithDeadLetterQueueAsync(maxReceiveCount: 5);
        foreach (var index in Enumerable.Range(1, 3))
            await client.SendMessageAsync(new SendMessageRequest(queueUrl, $"m{index}") { MessageGroupId = $"g{index}", MessageDeduplicationId = $"d{index}" });
        var received = new List<SqsMessage>();
        for (var attempt = 0; attempt < 10 && received.Count < 3; attempt++)
            received.AddRange(await client.ReceiveMessagesAsync(new ReceiveMessageRequest(queueUrl) { MaxNumberOfMessages = 10, WaitTimeSeconds = 1, VisibilityTimeout = 30 }));
        Assert.Equal(["m1", "m2", "m3"], received.Select(m => m.Body).Order());

        var failures = await client.DeleteMessageBatchAsync(queueUrl, received.Select(m => m.ReceiptHandle).ToList());

        Assert.Empty(failures);
        var attributes = await client.GetQueueAttributesAsync(queueUrl);
        Assert.Equal("0", attributes[SqsQueueAttributes.ApproximateNumberOfMessages]);
        Assert.Equal("0", attributes[SqsQueueAttributes.ApproximateNumberOfMessagesNotVisible]);
    }

    [Fact]
    public async Task SendMessageBatch_keeps_a_groups_order_and_deduplicates_per_entry()
    {
        var (queueUrl, _) = await CreateFifoQueueWithDeadLetterQueueAsync(maxReceiveCount: 5);
        var requests = Enumerable.Range(1, 3)
            .Select(i => new SendMessageRequest(queueUrl, $"m{i}") { MessageGroupId = "g", MessageDeduplicationId = $"d{i}" }).ToList();

        Assert.Empty(await client.SendMessageBatchAsync(requests));
        Assert.Empty(await client.SendMessageBatchAsync(requests[1..]));

        var received = new List<SqsMessage>();
        for (var attempt = 0; attempt < 10 && received.Count < 3; attempt++)
        {
            foreach (var message in await client.ReceiveMessagesAsync(new ReceiveMessageRequest(queueUrl) { MaxNumberOfMessages = 10, WaitTimeSeconds = 1 }))
            {
                received.Add(message);
                await client.DeleteMessageAsync(queueUrl, message.ReceiptHandle);
            }
        }
        Assert.Equal(["m1", "m2", "m3"], received.Select(m => m.Body));
        Assert.Empty(await client.ReceiveMessagesAsync(new ReceiveMessageRequest(queueUrl) { MaxNumberOfMessages = 10, WaitTimeSeconds = 1 }));
    }

    [Fact]
    public async Task DeleteMessageBatch_refuses_more_entries_than_sqs_takes_before_sending()
    {
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => client.DeleteMessageBatchAsync("unused", Enumerable.Repeat("r", 11).ToList()));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => client.DeleteMessageBatchAsync("unused", []));
    }

    [Fact]
    public async Task Same_deduplication_id_is_delivered_once()
    {
        var (queueUrl, _) = await CreateFifoQueueWithDeadLetterQueueAsync(maxReceiveCount: 5);
        var first = await client.SendMessageAsync(new SendMessageRequest(queueUrl, "a") { MessageGroupId = "g", MessageDeduplicationId = "same" });
        var again = await client.SendMessageAsync(new SendMessageRequest(queueUrl, "a") { MessageGroupId = "g", MessageDeduplicationId = "same" });

        Assert.Equal(first.MessageId, again.MessageId);
        Assert.NotNull(first.SequenceNumber);
        var messages = await client.ReceiveMessagesAsync(new ReceiveMessageRequest(queueUrl) { MaxNumberOfMessages = 10, WaitTimeSeconds = 1 });
        Assert.Single(messages);
    }

    [Fact]
    public async Task Message_received_more_than_max_receive_count_moves_to_dead_letter_queue()
    {
        var (queueUrl, _) = await CreateFifoQueueWithDeadLetterQueueAsync(maxReceiveCount: 1);
        var deadLetterUrl = await client.GetQueueUrlAsync(DeadLetterNameOf(queueUrl));
        await client.SendMessageAsync(new SendMessageRequest(queueUrl, "poison") { MessageGroupId = "g", MessageDeduplicationId = "p" });

        var received = Assert.Single(await client.ReceiveMessagesAsync(new ReceiveMessageRequest(queueUrl) { VisibilityTimeout = 30 }));
        await client.ChangeMessageVisibilityAsync(queueUrl, received.ReceiptHandle, 0);

        Assert.Empty(await client.ReceiveMessagesAsync(new ReceiveMessageRequest(queueUrl) { WaitTimeSeconds = 1 }));
        var dead = Assert.Single(await client.ReceiveMessagesAsync(new ReceiveMessageRequest(deadLetterUrl) { WaitTimeSeconds = 1 }));
        Assert.Equal("poison", dead.Body);
    }

    [Fact]
    public async Task Delayed_message_is_invisible_until_its_delay_has_passed()
    {
        var queueUrl = await client.CreateQueueAsync(new CreateQueueRequest(AwsEmulatorFixture.UniqueName("delay")));
        await client.SendMessageAsync(new SendMessageRequest(queueUrl, "later") { DelaySeconds = 2 });

        Assert.Empty(await client.ReceiveMessagesAsync(new ReceiveMessageRequest(queueUrl)));
        var message = Assert.Single(await client.ReceiveMessagesAsync(new ReceiveMessageRequest(queueUrl) { WaitTimeSeconds = 5 }));
        Assert.Equal("later", message.Body);
    }

    [Fact]
    public async Task Long_poll_returns_as_soon_as_a_message_arrives()
    {
        var queueUrl = await client.CreateQueueAsync(new CreateQueueRequest(AwsEmulatorFixture.UniqueName("poll")));
        var receive = client.ReceiveMessagesAsync(new ReceiveMessageRequest(queueUrl) { WaitTimeSeconds = 10 });
        await Task.Delay(300);
        Assert.False(receive.IsCompleted);

        await client.SendMessageAsync(new SendMessageRequest(queueUrl, "wake"));

        var message = Assert.Single(await receive.WaitAsync(TimeSpan.FromSeconds(8)));
        Assert.Equal("wake", message.Body);
    }

    [Fact]
    public async Task Unknown_queue_is_a_typed_error()
    {
        var error = await Assert.ThrowsAsync<SqsQueueDoesNotExistException>(() => client.GetQueueUrlAsync("no-such-queue-" + Guid.NewGuid().ToString("N")));
        Assert.Equal("QueueDoesNotExist", error.ErrorCode);
    }

    [Fact]
    public async Task Invalid_parameter_is_a_typed_error_with_its_code()
    {
        var queueUrl = await client.CreateQueueAsync(new CreateQueueRequest(AwsEmulatorFixture.UniqueName("bad")));
        var error = await Assert.ThrowsAsync<SqsException>(() => client.ReceiveMessagesAsync(new ReceiveMessageRequest(queueUrl) { MaxNumberOfMessages = 11 }));
        Assert.Equal("InvalidParameterValue", error.ErrorCode);
        Assert.False(error.IsTransient);
    }

    private async Task<(string QueueUrl, string DeadLetterArn)> CreateFifoQueueWithDeadLetterQueueAsync(int maxReceiveCount)
    {
        var name = AwsEmulatorFixture.UniqueName("study");
        var deadLetterUrl = await client.CreateQueueAsync(new CreateQueueRequest(name + "-dlq.fifo") { Fifo = true });
        var deadLetterArn = (await client.GetQueueAttributesAsync(deadLetterUrl, [SqsQueueAttributes.QueueArn]))[SqsQueueAttributes.QueueArn];
        var queueUrl = await client.CreateQueueAsync(new CreateQueueRequest(name + ".fifo")
        {
            Fifo = true,
            VisibilityTimeoutSeconds = 30,
            RedrivePolicy = new SqsRedrivePolicy(deadLetterArn, maxReceiveCount),
        });
        return (queueUrl, deadLetterArn);
    }

    private static string DeadLetterNameOf(string queueUrl)
    {
        var name = queueUrl[(queueUrl.LastIndexOf('/') + 1)..];
        return name[..^".fifo".Length] + "-dlq.fifo";
    }
}
