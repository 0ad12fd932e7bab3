using System.Text.Json;
using Amazon.S3;
using Amazon.SQS;
using Amazon.SQS.Model;
using MedImaging.Aws.Configuration;
using MedImaging.Silo.DeadLetters;
using MedImaging.Silo.Telemetry;
using MedImaging.Studies;
using Microsoft.Extensions.Options;

namespace MedImaging.Silo.Ingest;

/// <summary>
/// Objects put straight into the ingest bucket: its ObjectCreated events arrive on the ingest queue (S3 sends them on
/// AWS; the stack wires the notification), and each object goes to its study grain. An event is deleted once its
/// grain has saved the instance; one that fails comes back after a backoff (its visibility timeout, doubled per
/// receive), and after <see cref="IngestOptions.MaxReceives"/> goes to the dead-letter queue with the reason. The Api's own uploads (under <c>incoming/</c>) are announced to their
/// grains by the Api and skipped here.
/// </summary>
public sealed class IngestQueueConsumer(
    IAmazonSQS sqs,
    DroppedObjectReader reader,
    DeadLetterQueue deadLetters,
    IGrainFactory grains,
    ResourceNames resources,
    SiloTelemetry telemetry,
    IOptions<IngestOptions> options,
    ILogger<IngestQueueConsumer> logger) : BackgroundService
{
    public const string ApiPrefix = "incoming/";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (string.IsNullOrEmpty(resources.IngestQueueUrl)) return;
        while (!stoppingToken.IsCancellationRequested)
        {
            List<Message> messages;
            try
            {
                var response = await sqs.ReceiveMessageAsync(new ReceiveMessageRequest
                {
                    QueueUrl = resources.IngestQueueUrl,
                    MaxNumberOfMessages = 10,
                    WaitTimeSeconds = 20,
                    MessageSystemAttributeNames = [MessageSystemAttributeName.ApproximateReceiveCount],
                }, stoppingToken);
                messages = response.Messages ?? [];
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception error)
            {
                IngestLog.ReceiveFailed(logger, error.GetType().Name, error);
                try
                {
                    await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
                continue;
            }
            await Task.WhenAll(messages.Select(m => HandleAsync(m, stoppingToken)));
        }
    }

    private async Task HandleAsync(Message message, CancellationToken cancellationToken)
    {
        try
        {
            IReadOnlyList<S3EventRecord> records;
            try
            {
                records = S3EventNotification.Parse(message.Body);
            }
            catch (JsonException)
            {
                await deadLetters.SendRawAsync(message.Body, "unreadable-event", cancellationToken);
                telemetry.DeadLettered("unreadable-event");
                telemetry.IngestEventHandled("unreadable");
                await sqs.DeleteMessageAsync(resources.IngestQueueUrl, message.ReceiptHandle, cancellationToken);
                return;
            }
            foreach (var record in records)
            {
                if (!record.IsObjectCreated || record.Bucket != resources.IngestBucket || record.Key is not { } key || key.StartsWith(ApiPrefix, StringComparison.Ordinal))
                {
                    telemetry.IngestEventHandled("skipped");
                    continue;
                }
                await IngestAsync(record.Bucket, key, message.Body, cancellationToken);
            }
            await sqs.DeleteMessageAsync(resources.IngestQueueUrl, message.ReceiptHandle, cancellationToken);
        }
        catch (Exception error) when (!cancellationToken.IsCancellationRequested)
        {
            await GiveUpOrBackOffAsync(message, error, cancellationToken);
        }
    }

    private async Task GiveUpOrBackOffAsync(Message message, Exception error, CancellationToken cancellationToken)
    {
        var receives = message.Attributes?.TryGetValue(MessageSystemAttributeName.ApproximateReceiveCount, out var count) == true
            && int.TryParse(count, out var parsed) ? parsed : 1;
        var reason = Reason(error);
        IngestLog.EventFailed(logger, reason, receives, error);
        try
        {
            if (receives >= options.Value.MaxReceives)
            {
                await deadLetters.SendRawAsync(message.Body, reason, cancellationToken);
                await sqs.DeleteMessageAsync(resources.IngestQueueUrl, message.ReceiptHandle, cancellationToken);
                telemetry.DeadLettered(reason);
                telemetry.IngestEventHandled("dead_lettered");
                return;
            }
            telemetry.IngestEventHandled("failed");
            var backoff = (int)Math.Min(300, Math.Pow(2, receives - 1));
            await sqs.ChangeMessageVisibilityAsync(resources.IngestQueueUrl, message.ReceiptHandle, backoff, cancellationToken);
        }
        catch (Exception again) when (!cancellationToken.IsCancellationRequested)
        {
            // The queue's own visibility timeout and redrive policy take over.
            IngestLog.EventFailed(logger, Reason(again), receives, again);
        }
    }

    // The innermost exception type: what failed, never a message that could carry a name or a key.
    private static string Reason(Exception error)
    {
        while (error.InnerException is { } inner) error = inner;
        return error.GetType().Name;
    }

    private async Task IngestAsync(string bucket, string key, string eventBody, CancellationToken cancellationToken)
    {
        InstanceReceived? instance;
        try
        {
            instance = await reader.ReadAsync(bucket, key, cancellationToken);
        }
        catch (AmazonS3Exception error) when (error.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            // Deleted since: nothing to ingest.
            telemetry.IngestEventHandled("gone");
            return;
        }
        if (instance is null)
        {
            IngestLog.ObjectUnsupported(logger);
            await deadLetters.SendRawAsync(eventBody, "unsupported-object", cancellationToken);
            telemetry.DeadLettered("unsupported-object");
            telemetry.IngestEventHandled("unsupported");
            return;
        }
        await grains.GetGrain<IStudyGrain>(instance.StudyKey).Receive([instance]);
        telemetry.IngestEventHandled("ingested");
        IngestLog.ObjectIngested(logger, StudyKeys.LogRef(instance.StudyKey));
    }
}
