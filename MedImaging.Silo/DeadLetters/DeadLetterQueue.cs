using Amazon.SQS;
using Amazon.SQS.Model;
using MedImaging.Aws.Configuration;
using MedImaging.Studies;

namespace MedImaging.Silo.DeadLetters;

/// <summary>Sends an instance that failed for good (or an ingest event that cannot be handled) to the dead-letter queue, with its reason, for an operator to inspect or redrive.</summary>
public sealed class DeadLetterQueue(IAmazonSQS sqs, ResourceNames resources)
{
    public Task SendAsync(InstanceReceived instance, string reason, CancellationToken cancellationToken) =>
        SendRawAsync(DeadLetterMessages.Serialize(instance), reason, cancellationToken);

    /// <summary>Any message body (an ingest event that cannot be handled) with its reason.</summary>
    public async Task SendRawAsync(string body, string reason, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(resources.StudyDeadLetterQueueUrl)) return;
        await sqs.SendMessageAsync(new SendMessageRequest
        {
            QueueUrl = resources.StudyDeadLetterQueueUrl,
            MessageBody = body,
            MessageAttributes = new Dictionary<string, MessageAttributeValue>
            {
                [DeadLetterMessages.ReasonAttribute] = new() { DataType = "String", StringValue = reason },
            },
        }, cancellationToken);
    }
}
