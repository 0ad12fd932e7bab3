using MedImaging.Tests.TestHosting;
using Amazon.SQS;
using Amazon.SQS.Model;
using System.Text.Json;
using MedImaging.Aws.Sns;
using MedImaging.Tests.AppHost.Emulators;

namespace MedImaging.Tests.Aws.Sns;

[Collection(AwsEmulatorCollection.Name)]
public sealed class SnsClientTests(AwsEmulatorFixture fixture) : IDisposable
{
    private readonly SnsClient sns = SnsClient.Create(fixture.AwsOptions);
    private readonly IAmazonSQS sqs = MedImaging.Aws.Configuration.AwsSdkClients.CreateSqs(fixture.AwsOptions);

    public void Dispose()
    {
        sns.Dispose();
        sqs.Dispose();
    }

    [Fact]
    public async Task CreateTopic_is_idempotent()
    {
        var name = AwsEmulatorFixture.UniqueName("events");
        var first = await sns.CreateTopicAsync(name);
        var second = await sns.CreateTopicAsync(name);

        Assert.Equal(first, second);
        Assert.StartsWith("arn:aws:sns:", first);
        Assert.EndsWith(":" + name, first);
        Assert.Equal(first, (await sns.GetTopicAttributesAsync(first))["TopicArn"]);
    }

    [Fact]
    public async Task Published_message_reaches_a_subscribed_queue_with_its_attributes()
    {
        var topicArn = await sns.CreateTopicAsync(AwsEmulatorFixture.UniqueName("events"));
        var queueUrl = await sqs.CreateQueueUrlAsync(AwsEmulatorFixture.UniqueName("listener"));
        var queueArn = (await sqs.AttributesAsync(queueUrl))["QueueArn"];
        var subscriptionArn = await sns.SubscribeAsync(topicArn, "sqs", queueArn);
        Assert.StartsWith(topicArn, subscriptionArn);

        var messageId = await sns.PublishAsync(new PublishRequest(topicArn, """{"study":"s1","status":"completed"}""")
        {
            Subject = "StudyCompleted",
            MessageAttributes = new Dictionary<string, SnsMessageAttribute> { ["eventType"] = SnsMessageAttribute.String("StudyCompleted") },
        });

        var delivered = Assert.Single(await sqs.ReceiveAsync(queueUrl, waitSeconds: 5));
        using var envelope = JsonDocument.Parse(delivered.Body);
        Assert.Equal(messageId, envelope.RootElement.GetProperty("MessageId").GetString());
        Assert.Equal("""{"study":"s1","status":"completed"}""", envelope.RootElement.GetProperty("Message").GetString());
        Assert.Equal("StudyCompleted", envelope.RootElement.GetProperty("Subject").GetString());
        Assert.Equal("StudyCompleted", envelope.RootElement.GetProperty("MessageAttributes").GetProperty("eventType").GetProperty("Value").GetString());
    }

    [Fact]
    public async Task Publishing_to_an_unknown_topic_is_a_typed_error()
    {
        var missing = "arn:aws:sns:us-east-1:000000000000:" + AwsEmulatorFixture.UniqueName("missing");
        var error = await Assert.ThrowsAsync<SnsException>(() => sns.PublishAsync(new PublishRequest(missing, "x")));
        Assert.Equal("NotFound", error.ErrorCode);
    }
}
