using System.Security.Cryptography;
using System.Text;
using MedImaging.Aws.Configuration;
using MedImaging.Aws.Sns;
using MedImaging.Aws.Sqs;
using MedImaging.Aws.Studies;
using MedImaging.Aws.StudyQueue;
using MedImaging.Pipeline.Execution;
using MedImaging.Pipeline.Publishing;
using MedImaging.Pipeline.Publishing.Webhooks;

namespace MedImaging.Silo.Publishing;

/// <summary>
/// Publishes a finished study: the report beside the outputs, the SNS notification and the webhook. Everything is
/// keyed by the study and its completion (status and instance count), so a redelivered turn rewrites the same report,
/// gives SNS the same deduplication id (FIFO topics) and the webhook receiver the same delivery id. A webhook that
/// fails is retried through a delayed <see cref="RetryWebhook"/> message, never by waiting here.
/// </summary>
public sealed class StudyNotifier(
    StudyPublisher publisher,
    SnsClient sns,
    ResourceNames resources,
    IStudyQueue queue,
    IServiceProvider services,
    ILogger<StudyNotifier> logger)
{
    public const string DeliveryIdAttribute = "deliveryId";

    private WebhookSender? Webhook => services.GetService<WebhookSender>();

    /// <returns>The report's key in the processed bucket.</returns>
    public async Task<string> PublishAsync(string studyKey, string status, IReadOnlyList<InstanceProgress> instances, CancellationToken cancellationToken)
    {
        var publication = await publisher.PublishAsync(studyKey, status, instances, cancellationToken);
        var studyRef = StudyKeys.LogRef(studyKey);
        if (resources.StudyEventsTopicArn is { Length: > 0 } topic)
        {
            var fifo = topic.EndsWith(".fifo", StringComparison.Ordinal);
            await sns.PublishAsync(new PublishRequest(topic, publication.NotificationJson)
            {
                Subject = publication.Notification.Subject,
                MessageGroupId = fifo ? publication.Report.StudyUid : null,
                MessageDeduplicationId = fifo ? Hash(publication.WebhookDeliveryId) : null,
                MessageAttributes = new Dictionary<string, SqsMessageAttribute>
                {
                    [DeliveryIdAttribute] = SqsMessageAttribute.String(publication.WebhookDeliveryId),
                },
            }, cancellationToken);
            PublishingLog.NotificationPublished(logger, studyRef, status);
        }
        if (publication.Webhook is { } attempt)
            await FollowUpAsync(studyKey, publication.WebhookDeliveryId, publication.NotificationJson, attempt, cancellationToken);
        return publication.ReportLocation.Key;
    }

    /// <summary>The next webhook attempt of a <see cref="RetryWebhook"/> timer.</summary>
    public async Task<WebhookAttempt?> RetryWebhookAsync(RetryWebhook message, CancellationToken cancellationToken)
    {
        if (Webhook is not { IsConfigured: true } webhook) return null;
        var attempt = await webhook.AttemptAsync(message.DeliveryId, Encoding.UTF8.GetBytes(message.Body), message.Attempt, cancellationToken);
        await FollowUpAsync(message.StudyKey, message.DeliveryId, message.Body, attempt, cancellationToken);
        return attempt;
    }

    private async Task FollowUpAsync(string studyKey, string deliveryId, string body, WebhookAttempt attempt, CancellationToken cancellationToken)
    {
        var studyRef = StudyKeys.LogRef(studyKey);
        if (attempt.Delivery.Delivered)
        {
            PublishingLog.WebhookDelivered(logger, studyRef, attempt.Delivery.Attempts);
            return;
        }
        if (!attempt.Retry.ShouldRetry)
        {
            PublishingLog.WebhookAbandoned(logger, studyRef, attempt.Delivery.Attempts, attempt.Delivery.Failure?.Code);
            return;
        }
        await queue.SendAsync(new RetryWebhook(studyKey, deliveryId, attempt.Delivery.Attempts + 1, body), attempt.Retry.Delay, cancellationToken);
        PublishingLog.WebhookRetryScheduled(logger, studyRef, attempt.Delivery.Attempts, attempt.Retry.DelaySeconds);
    }

    private static string Hash(string value) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)));
}
