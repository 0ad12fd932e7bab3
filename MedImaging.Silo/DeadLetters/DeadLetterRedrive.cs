using MedImaging.Aws.Configuration;
using MedImaging.Aws.Sqs;
using MedImaging.Aws.StudyQueue;

namespace MedImaging.Silo.DeadLetters;

/// <summary>
/// Moves dead-lettered study messages back to the study queue, each in its study's group, without the reason it was
/// dead-lettered for: ops run it (the dashboard's "Redrive dead-lettered instances") once the cause is fixed.
/// </summary>
public sealed class DeadLetterRedrive(SqsClient sqs, ResourceNames resources)
{
    private const int BatchSize = 10;

    public async Task<RedriveResult> RedriveAsync(CancellationToken cancellationToken)
    {
        var moved = 0;
        while (true)
        {
            var messages = await sqs.ReceiveMessagesAsync(new ReceiveMessageRequest(resources.StudyDeadLetterQueueUrl)
            {
                MaxNumberOfMessages = BatchSize,
                VisibilityTimeout = 60,
            }, cancellationToken);
            if (messages.Count == 0)
            {
                return new RedriveResult(moved);
            }
            foreach (var message in messages)
            {
                await sqs.SendMessageAsync(new SendMessageRequest(resources.StudyQueueUrl, message.Body)
                {
                    MessageGroupId = message.MessageGroupId,
                    // A new id: the study queue still remembers the original one within its deduplication window.
                    MessageDeduplicationId = $"redrive-{message.MessageId}",
                    MessageAttributes = message.MessageAttributes
                        .Where(a => a.Key != StudyQueueAttributes.DeadLetterReason)
                        .ToDictionary(a => a.Key, a => a.Value),
                }, cancellationToken);
                await sqs.DeleteMessageAsync(resources.StudyDeadLetterQueueUrl, message.ReceiptHandle, cancellationToken);
                moved++;
            }
        }
    }
}
