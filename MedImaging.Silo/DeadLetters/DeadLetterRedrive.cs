using Amazon.SQS;
using Amazon.SQS.Model;
using MedImaging.Aws.Configuration;
using MedImaging.Studies;

namespace MedImaging.Silo.DeadLetters;

/// <summary>
/// Gives dead-lettered work another go once its cause is fixed (ops run it from the dashboard's "Redrive dead-lettered
/// instances"): a failed instance runs again from its first step in its study grain; an ingest event goes back to the
/// ingest queue.
/// </summary>
public sealed class DeadLetterRedrive(IAmazonSQS sqs, IGrainFactory grains, ResourceNames resources)
{
    private const int BatchSize = 10;

    public async Task<RedriveResult> RedriveAsync(CancellationToken cancellationToken)
    {
        var moved = 0;
        while (true)
        {
            var response = await sqs.ReceiveMessageAsync(new ReceiveMessageRequest
            {
                QueueUrl = resources.StudyDeadLetterQueueUrl,
                MaxNumberOfMessages = BatchSize,
                VisibilityTimeout = 60,
            }, cancellationToken);
            if (response.Messages is not { Count: > 0 } messages) return new RedriveResult(moved);
            foreach (var message in messages)
            {
                if (DeadLetterMessages.TryReadInstance(message.Body) is { } instance)
                {
                    await grains.GetGrain<IStudyGrain>(instance.StudyKey).Redrive(instance);
                }
                else
                {
                    await sqs.SendMessageAsync(new SendMessageRequest { QueueUrl = resources.IngestQueueUrl, MessageBody = message.Body }, cancellationToken);
                }
                await sqs.DeleteMessageAsync(resources.StudyDeadLetterQueueUrl, message.ReceiptHandle, cancellationToken);
                moved++;
            }
        }
    }
}
