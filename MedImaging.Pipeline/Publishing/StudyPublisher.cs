using System.Text;
using System.Text.Json;
using MedImaging.Pipeline.Execution;
using MedImaging.Pipeline.Publishing.Webhooks;
using MedImaging.Pipeline.Storage;

namespace MedImaging.Pipeline.Publishing;

/// <summary>
/// Study-level publishing, driven by the grain once the study completes: shapes the report and the notification
/// (<see cref="Prepare"/>), writes the report beside the outputs and makes webhook attempts. Each is a separate call so
/// that the caller decides what waits for what and retries each through its own durable delayed messages.
/// </summary>
public sealed class StudyPublisher(IObjectStore store, PipelineBuckets buckets, Pseudonymizer pseudonyms, WebhookSender? webhook)
{
    /// <param name="completedAt">When the study completed: the report's generation time and the notification's
    /// completion time, the same on every attempt.</param>
    public StudyPublication Prepare(string studyKey, string status, IReadOnlyList<InstanceProgress> instances, DateTimeOffset completedAt)
    {
        var studyUid = StudyUidOf(studyKey, instances);
        var results = instances.Select(i => InstanceResult.From(i, pseudonyms)).ToList();
        var report = StudyReportBuilder.Build(studyUid, status, results, completedAt);
        var location = new ObjectLocation(buckets.ProcessedBucket, PipelineKeys.Report(studyUid));
        var reportJson = JsonSerializer.SerializeToUtf8Bytes(report, PipelineJson.Default.StudyReport);
        var notification = StudyCompletedNotification.From(report, location);
        var notificationJson = JsonSerializer.Serialize(notification, PipelineJson.Default.StudyCompletedNotification);
        return new StudyPublication(report, location, reportJson, notification, notificationJson, $"{studyUid}:{status}:{report.InstanceCount}");
    }

    /// <summary>The same publication for subscribers when its report could not be stored: the notification names no report.</summary>
    public static StudyPublication WithoutReport(StudyPublication publication)
    {
        var notification = publication.Notification with { Report = null };
        return publication with { Notification = notification, NotificationJson = JsonSerializer.Serialize(notification, PipelineJson.Default.StudyCompletedNotification) };
    }

    /// <summary>Writes the report to its deterministic key; always rewritten, since a reopened study publishes again with more instances.</summary>
    public Task WriteReportAsync(StudyPublication publication, CancellationToken cancellationToken) =>
        store.PutAsync(publication.ReportLocation, publication.ReportJson, "application/json", cancellationToken);

    /// <summary>One webhook attempt; a retry is the grain's delayed message, not a wait here. Null when no webhook is configured.</summary>
    public async Task<WebhookAttempt?> AttemptWebhookAsync(string deliveryId, string notificationJson, int attempt, CancellationToken cancellationToken) =>
        webhook is { IsConfigured: true } sender
            ? await sender.AttemptAsync(deliveryId, Encoding.UTF8.GetBytes(notificationJson), attempt, cancellationToken)
            : null;

    /// <summary>The de-identified Study Instance UID (every instance shares it), or the study's pseudonym when none was de-identified.</summary>
    public string StudyUidOf(string studyKey, IEnumerable<InstanceProgress> instances) =>
        instances.Select(i => i.Deidentification).FirstOrDefault(d => d is { Failed: false })?.StudyUid
        ?? pseudonyms.Pseudonym(studyKey);
}
