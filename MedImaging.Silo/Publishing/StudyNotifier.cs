using System.Net;
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
using MedImaging.Pipeline.Retries;
using MedImaging.Pipeline.Steps;

namespace MedImaging.Silo.Publishing;

/// <summary>
/// Publishes a finished study: the report beside the outputs, the SNS notification and the webhook. Everything is
/// keyed by the study and its completion (status and instance count), so a redelivered turn rewrites the same report,
/// gives SNS the same deduplication id (FIFO topics) and the webhook receiver the same delivery id. A notification or
/// webhook that fails never fails the turn: it is retried through a delayed <see cref="RetryNotification"/> or
/// <see cref="RetryWebhook"/> message (never by waiting here), and what became of it is returned for the study record.
/// </summary>
public sealed class StudyNotifier(
    StudyPublisher publisher,
    SnsClient sns,
    ResourceNames resources,
    IStudyQueue queue,
    NotificationOptions options,
    TimeProvider clock,
    IServiceProvider services,
    ILogger<StudyNotifier> logger)
{
    public const string DeliveryIdAttribute = "deliveryId";

    private readonly RetryPolicy _retry = new(options.Retry);

    private WebhookSender? Webhook => services.GetService<WebhookSender>();

    public async Task<PublicationOutcome> PublishAsync(string studyKey, string status, IReadOnlyList<InstanceProgress> instances, CancellationToken cancellationToken)
    {
        var publication = await publisher.PublishAsync(studyKey, status, instances, cancellationToken);
        DeliveryStatus? notification = null;
        if (resources.StudyEventsTopicArn is { Length: > 0 })
        {
            var first = new RetryNotification(studyKey, publication.WebhookDeliveryId, 1, publication.NotificationJson,
                publication.Notification.Subject, publication.Report.StudyUid);
            notification = await NotifyAsync(first, cancellationToken);
        }
        var webhook = publication.Webhook is { } attempt
            ? await FollowUpAsync(studyKey, publication.WebhookDeliveryId, publication.NotificationJson, attempt, cancellationToken)
            : null;
        return new PublicationOutcome(publication.ReportLocation.Key, notification, webhook);
    }

    /// <summary>The next SNS attempt of a <see cref="RetryNotification"/> timer.</summary>
    public Task<DeliveryStatus> RetryNotificationAsync(RetryNotification message, CancellationToken cancellationToken) =>
        NotifyAsync(message, cancellationToken);

    /// <summary>The next webhook attempt of a <see cref="RetryWebhook"/> timer; null when no webhook is configured any more.</summary>
    public async Task<DeliveryStatus?> RetryWebhookAsync(RetryWebhook message, CancellationToken cancellationToken)
    {
        if (Webhook is not { IsConfigured: true } webhook) return null;
        var attempt = await webhook.AttemptAsync(message.DeliveryId, Encoding.UTF8.GetBytes(message.Body), message.Attempt, cancellationToken);
        return await FollowUpAsync(message.StudyKey, message.DeliveryId, message.Body, attempt, cancellationToken);
    }

    // One request per attempt, bounded by the timeout; a failure schedules the next attempt or gives up.
    private async Task<DeliveryStatus> NotifyAsync(RetryNotification attempt, CancellationToken cancellationToken)
    {
        var studyRef = StudyKeys.LogRef(attempt.StudyKey);
        if (resources.StudyEventsTopicArn is not { Length: > 0 } topic)
            return Status(DeliveryStatus.Failed, attempt, null, "sns-no-topic");
        var fifo = topic.EndsWith(".fifo", StringComparison.Ordinal);
        var request = new PublishRequest(topic, attempt.Body)
        {
            Subject = attempt.Subject,
            MessageGroupId = fifo ? attempt.GroupId : null,
            MessageDeduplicationId = fifo ? Hash(attempt.DeliveryId) : null,
            MessageAttributes = new Dictionary<string, SqsMessageAttribute>
            {
                [DeliveryIdAttribute] = SqsMessageAttribute.String(attempt.DeliveryId),
            },
        };
        (int? StatusCode, StepFailure Failure) failed;
        using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            timeout.CancelAfter(options.Timeout);
            try
            {
                await sns.PublishAsync(request, maxAttempts: 1, timeout.Token);
                PublishingLog.NotificationPublished(logger, studyRef, attempt.Attempt);
                return Status(DeliveryStatus.Delivered, attempt, (int)HttpStatusCode.OK, null);
            }
            catch (Exception error) when (!cancellationToken.IsCancellationRequested)
            {
                failed = Classify(error);
            }
        }

        var decision = _retry.Decide(failed.Failure, attempt.Attempt, RetryPolicy.DeterministicJitter(attempt.DeliveryId, attempt.Attempt));
        if (!decision.ShouldRetry)
        {
            PublishingLog.NotificationAbandoned(logger, studyRef, attempt.Attempt, failed.Failure.Code);
            return Status(DeliveryStatus.Failed, attempt, failed.StatusCode, failed.Failure.Code);
        }
        await queue.SendAsync(attempt with { Attempt = attempt.Attempt + 1 }, decision.Delay, cancellationToken);
        PublishingLog.NotificationRetryScheduled(logger, studyRef, attempt.Attempt, failed.Failure.Code, decision.DelaySeconds);
        return Status(DeliveryStatus.Retrying, attempt, failed.StatusCode, failed.Failure.Code);
    }

    private async Task<DeliveryStatus> FollowUpAsync(string studyKey, string deliveryId, string body, WebhookAttempt attempt, CancellationToken cancellationToken)
    {
        var studyRef = StudyKeys.LogRef(studyKey);
        var delivery = attempt.Delivery;
        if (delivery.Delivered)
        {
            PublishingLog.WebhookDelivered(logger, studyRef, delivery.Attempts);
            return new DeliveryStatus(DeliveryStatus.Delivered, delivery.Attempts, clock.GetUtcNow(), deliveryId, delivery.LastStatusCode);
        }
        if (!attempt.Retry.ShouldRetry)
        {
            PublishingLog.WebhookAbandoned(logger, studyRef, delivery.Attempts, delivery.Failure?.Code);
            return new DeliveryStatus(DeliveryStatus.Failed, delivery.Attempts, clock.GetUtcNow(), deliveryId, delivery.LastStatusCode, delivery.Failure?.Code);
        }
        await queue.SendAsync(new RetryWebhook(studyKey, deliveryId, delivery.Attempts + 1, body), attempt.Retry.Delay, cancellationToken);
        PublishingLog.WebhookRetryScheduled(logger, studyRef, delivery.Attempts, attempt.Retry.DelaySeconds);
        return new DeliveryStatus(DeliveryStatus.Retrying, delivery.Attempts, clock.GetUtcNow(), deliveryId, delivery.LastStatusCode, delivery.Failure?.Code);
    }

    // Throttling, 5xx, an unreachable endpoint or no answer in time are worth another attempt; a refusal (no such
    // topic, not authorized, invalid parameter) is not. Codes only: SNS's own messages are not kept.
    private static (int? StatusCode, StepFailure Failure) Classify(Exception error) => error switch
    {
        SnsException sns => ((int)sns.StatusCode, new StepFailure(sns.IsTransient ? FailureKind.Transient : FailureKind.Permanent,
            $"sns-{sns.ErrorCode}", $"SNS answered {(int)sns.StatusCode} {sns.ErrorCode}")),
        HttpRequestException => (null, StepFailure.Transient("sns-unreachable", "SNS could not be reached", error)),
        OperationCanceledException => (null, StepFailure.Transient("sns-timeout", "SNS did not answer in time", error)),
        _ => (null, StepFailure.Transient("sns-unexpected", $"Unexpected {error.GetType().Name}", error)),
    };

    private DeliveryStatus Status(string status, RetryNotification attempt, int? statusCode, string? error) =>
        new(status, attempt.Attempt, clock.GetUtcNow(), attempt.DeliveryId, statusCode, error);

    private static string Hash(string value) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)));
}
