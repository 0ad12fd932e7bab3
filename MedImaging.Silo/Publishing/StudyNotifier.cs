using System.Net;
using System.Security.Cryptography;
using System.Text;
using AmazonServiceException = Amazon.Runtime.AmazonServiceException;
using MedImaging.Aws.Configuration;
using MedImaging.Aws.Sns;
using MedImaging.Studies;
using MedImaging.Pipeline.Execution;
using MedImaging.Pipeline.Publishing;
using MedImaging.Pipeline.Publishing.Webhooks;
using MedImaging.Pipeline.Retries;
using MedImaging.Pipeline.Steps;

namespace MedImaging.Silo.Publishing;

/// <summary>
/// Publishes a finished study: the report beside the outputs, then the SNS notification and the webhook. Everything is
/// keyed by the study and its completion (status and instance count), so a redelivered turn rewrites the same report,
/// gives SNS the same deduplication id (FIFO topics) and the webhook receiver the same delivery id. Nothing here fails
/// the turn: a report write, notification or webhook that fails is retried through a <see cref="RetryReport"/>,
/// <see cref="RetryNotification"/> or <see cref="RetryWebhook"/> the grain schedules for itself (never by waiting here), and what became of each
/// is returned for the study record.
/// </summary>
/// <remarks>
/// The notification and webhook wait for the report. Its key is deterministic and could be named before the write
/// succeeds, but a subscriber that fetches the report on receipt would then meet a missing object and could not tell
/// "not yet" from "never". So they go out once the report is stored; if the report fails for good they still go out
/// (the completion must reach subscribers) with no report named, and the study's report status says why.
/// </remarks>
public sealed class StudyNotifier(
    StudyPublisher publisher,
    SnsClient sns,
    ResourceNames resources,
    NotificationOptions options,
    ReportOptions reportOptions,
    TimeProvider clock,
    ILogger<StudyNotifier> logger)
{
    public const string DeliveryIdAttribute = "deliveryId";

    private readonly RetryPolicy _retry = new(options.Retry);
    private readonly RetryPolicy _reportRetry = new(reportOptions.Retry);

    /// <summary>First attempt of everything for a study that just completed.</summary>
    /// <param name="completedAt">The study's completion time, which the report and notification carry on every attempt.</param>
    public Task<PublicationOutcome> PublishAsync(string studyKey, string status, IReadOnlyList<InstanceProgress> instances, DateTimeOffset completedAt,
        IStudyScheduler scheduler, CancellationToken cancellationToken) =>
        PublishAsync(studyKey, publisher.Prepare(studyKey, status, instances, completedAt), 1, scheduler, cancellationToken);

    /// <summary>
    /// The next report attempt of a <see cref="RetryReport"/> timer, with the study's state as it is now; null when that
    /// state no longer makes the same publication (the study reopened or completed otherwise since).
    /// </summary>
    public async Task<PublicationOutcome?> RetryReportAsync(RetryReport message, string status, IReadOnlyList<InstanceProgress> instances,
        DateTimeOffset completedAt, IStudyScheduler scheduler, CancellationToken cancellationToken)
    {
        var publication = publisher.Prepare(message.StudyKey, status, instances, completedAt);
        if (publication.DeliveryId != message.DeliveryId) return null;
        return await PublishAsync(message.StudyKey, publication, message.Attempt, scheduler, cancellationToken);
    }

    private async Task<PublicationOutcome> PublishAsync(string studyKey, StudyPublication publication, int reportAttempt, IStudyScheduler scheduler,
        CancellationToken cancellationToken)
    {
        var report = await WriteReportAsync(studyKey, publication, reportAttempt, scheduler, cancellationToken);
        if (report.Status == DeliveryStatus.Retrying) return new PublicationOutcome(report, null, null, null);

        var written = report.Status == DeliveryStatus.Delivered;
        var sent = written ? publication : StudyPublisher.WithoutReport(publication);
        DeliveryStatus? notification = null;
        if (resources.StudyEventsTopicArn is { Length: > 0 })
        {
            var first = new RetryNotification(studyKey, sent.DeliveryId, 1, sent.NotificationJson, sent.Notification.Subject, sent.Report.StudyUid);
            notification = await NotifyAsync(first, scheduler, cancellationToken);
        }
        var webhook = await publisher.AttemptWebhookAsync(sent.DeliveryId, sent.NotificationJson, 1, cancellationToken) is { } attempt
            ? FollowUp(studyKey, sent.DeliveryId, sent.NotificationJson, attempt, scheduler)
            : null;
        return new PublicationOutcome(report, written ? publication.ReportLocation.Key : null, notification, webhook);
    }

    // One write per attempt, bounded by the timeout; a failure schedules the next attempt or gives up.
    private async Task<DeliveryStatus> WriteReportAsync(string studyKey, StudyPublication publication, int attempt, IStudyScheduler scheduler,
        CancellationToken cancellationToken)
    {
        var studyRef = StudyKeys.LogRef(studyKey);
        (int? StatusCode, StepFailure Failure) failed;
        using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            timeout.CancelAfter(reportOptions.Timeout);
            try
            {
                await publisher.WriteReportAsync(publication, timeout.Token);
                if (attempt > 1) PublishingLog.ReportWritten(logger, studyRef, attempt);
                return ReportStatus(DeliveryStatus.Delivered, publication, attempt, null);
            }
            catch (Exception error) when (!cancellationToken.IsCancellationRequested)
            {
                failed = ClassifyReportFailure(error);
            }
        }

        var decision = _reportRetry.Decide(failed.Failure, attempt, RetryPolicy.DeterministicJitter($"report:{publication.DeliveryId}", attempt));
        if (!decision.ShouldRetry)
        {
            PublishingLog.ReportAbandoned(logger, studyRef, attempt, failed.Failure.Code);
            return ReportStatus(DeliveryStatus.Failed, publication, attempt, failed);
        }
        scheduler.Schedule(new RetryReport(studyKey, publication.DeliveryId, attempt + 1), decision.Delay);
        PublishingLog.ReportRetryScheduled(logger, studyRef, attempt, failed.Failure.Code, decision.DelaySeconds);
        return ReportStatus(DeliveryStatus.Retrying, publication, attempt, failed);
    }

    private DeliveryStatus ReportStatus(string status, StudyPublication publication, int attempt, (int? StatusCode, StepFailure Failure)? failed) =>
        new(status, attempt, clock.GetUtcNow(), publication.DeliveryId, failed?.StatusCode, failed?.Failure.Code);

    // The object store turns S3 errors into step failures (transient for throttling, 5xx and network errors); the
    // timeout of this attempt is transient too. The HTTP status comes from the S3 error when there was an answer.
    private static (int? StatusCode, StepFailure Failure) ClassifyReportFailure(Exception error) => error switch
    {
        StepFailure failure => (failure.InnerException switch
        {
            AmazonServiceException { StatusCode: var status } when status != 0 => (int)status,
            _ => null,
        }, failure),
        OperationCanceledException => (null, StepFailure.Transient("report-timeout", "The report write did not finish in time", error)),
        _ => (null, StepFailure.Transient("report-unexpected", $"Unexpected {error.GetType().Name}", error)),
    };

    /// <summary>The next SNS attempt of a <see cref="RetryNotification"/> timer.</summary>
    public Task<DeliveryStatus> RetryNotificationAsync(RetryNotification message, IStudyScheduler scheduler, CancellationToken cancellationToken) =>
        NotifyAsync(message, scheduler, cancellationToken);

    /// <summary>The next webhook attempt of a <see cref="RetryWebhook"/> timer; null when no webhook is configured any more.</summary>
    public async Task<DeliveryStatus?> RetryWebhookAsync(RetryWebhook message, IStudyScheduler scheduler, CancellationToken cancellationToken) =>
        await publisher.AttemptWebhookAsync(message.DeliveryId, message.Body, message.Attempt, cancellationToken) is { } attempt
            ? FollowUp(message.StudyKey, message.DeliveryId, message.Body, attempt, scheduler)
            : null;

    // One request per attempt, bounded by the timeout; a failure schedules the next attempt or gives up.
    private async Task<DeliveryStatus> NotifyAsync(RetryNotification attempt, IStudyScheduler scheduler, CancellationToken cancellationToken)
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
            MessageAttributes = new Dictionary<string, SnsMessageAttribute>
            {
                [DeliveryIdAttribute] = SnsMessageAttribute.String(attempt.DeliveryId),
            },
        };
        (int? StatusCode, StepFailure Failure) failed;
        using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            timeout.CancelAfter(options.Timeout);
            try
            {
                await sns.PublishAsync(request, maxAttempts: 1, timeout.Token);
                // As with the report: a first attempt that succeeds is in the study's record only, not in the log.
                if (attempt.Attempt > 1) PublishingLog.NotificationPublished(logger, studyRef, attempt.Attempt);
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
        scheduler.Schedule(attempt with { Attempt = attempt.Attempt + 1 }, decision.Delay);
        PublishingLog.NotificationRetryScheduled(logger, studyRef, attempt.Attempt, failed.Failure.Code, decision.DelaySeconds);
        return Status(DeliveryStatus.Retrying, attempt, failed.StatusCode, failed.Failure.Code);
    }

    private DeliveryStatus FollowUp(string studyKey, string deliveryId, string body, WebhookAttempt attempt, IStudyScheduler scheduler)
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
        scheduler.Schedule(new RetryWebhook(studyKey, deliveryId, delivery.Attempts + 1, body), attempt.Retry.Delay);
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
