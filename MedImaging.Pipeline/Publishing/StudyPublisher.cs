using System.Text.Json;
using MedImaging.Pipeline.Execution;
using MedImaging.Pipeline.Publishing.Webhooks;
using MedImaging.Pipeline.Storage;

namespace MedImaging.Pipeline.Publishing;

/// <summary>
/// Study-level publishing, called by the grain once the study completes: writes the report beside the
/// outputs, shapes the SNS notification and makes the first webhook attempt when one is configured.
/// </summary>
public sealed class StudyPublisher(IObjectStore store, PipelineBuckets buckets, Pseudonymizer pseudonyms, WebhookSender? webhook, TimeProvider timeProvider)
{
    public async Task<StudyPublication> PublishAsync(string studyKey, string status, IReadOnlyList<InstanceProgress> instances, CancellationToken cancellationToken)
    {
        var studyUid = StudyUidOf(studyKey, instances);
        var results = instances.Select(i => InstanceResult.From(i, pseudonyms)).ToList();
        var report = StudyReportBuilder.Build(studyUid, status, results, timeProvider.GetUtcNow());
        var location = new ObjectLocation(buckets.ProcessedBucket, PipelineKeys.Report(studyUid));
        var reportJson = JsonSerializer.SerializeToUtf8Bytes(report, PipelineJson.Default.StudyReport);
        // Always rewritten: a reopened study publishes again with more instances.
        await store.PutAsync(location, reportJson, "application/json", cancellationToken);

        var notification = StudyCompletedNotification.From(report, location);
        var notificationJson = JsonSerializer.Serialize(notification, PipelineJson.Default.StudyCompletedNotification);

        // One webhook attempt here; a retry is the grain's delayed message, not a wait inside this turn.
        var deliveryId = $"{studyUid}:{status}:{report.InstanceCount}";
        WebhookAttempt? attempt = null;
        if (webhook is { IsConfigured: true })
            attempt = await webhook.AttemptAsync(deliveryId, System.Text.Encoding.UTF8.GetBytes(notificationJson), 1, cancellationToken);
        return new StudyPublication(report, location, notification, notificationJson, deliveryId, attempt);
    }

    /// <summary>The de-identified Study Instance UID (every instance shares it), or the study's pseudonym when none was de-identified.</summary>
    public string StudyUidOf(string studyKey, IEnumerable<InstanceProgress> instances) =>
        instances.Select(i => i.Deidentification).FirstOrDefault(d => d is { Failed: false })?.StudyUid
        ?? pseudonyms.Pseudonym(studyKey);
}
