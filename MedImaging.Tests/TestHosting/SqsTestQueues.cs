using Amazon.SQS;
using Amazon.SQS.Model;

namespace MedImaging.Tests.TestHosting;

/// <summary>The few SQS calls tests make to arrange queues and inspect them, on AWSSDK.SQS.</summary>
public static class SqsTestQueues
{
    public static async Task<string> CreateQueueUrlAsync(this IAmazonSQS sqs, string name) =>
        (await sqs.CreateQueueAsync(name)).QueueUrl;

    /// <summary>Every attribute of the queue, by its SQS name.</summary>
    public static async Task<Dictionary<string, string>> AttributesAsync(this IAmazonSQS sqs, string queueUrl) =>
        (await sqs.GetQueueAttributesAsync(queueUrl, [QueueAttributeName.All])).Attributes;

    public static async Task<List<Message>> ReceiveAsync(this IAmazonSQS sqs, string queueUrl, int waitSeconds = 1, int maxMessages = 10) =>
        (await sqs.ReceiveMessageAsync(new ReceiveMessageRequest
        {
            QueueUrl = queueUrl,
            MaxNumberOfMessages = maxMessages,
            WaitTimeSeconds = waitSeconds,
            MessageAttributeNames = ["All"],
            MessageSystemAttributeNames = ["All"],
        })).Messages ?? [];
}
