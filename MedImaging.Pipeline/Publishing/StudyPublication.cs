using MedImaging.Pipeline.Publishing.Webhooks;
using MedImaging.Pipeline.Storage;

namespace MedImaging.Pipeline.Publishing;

/// <summary>What publishing a study did. The grain publishes <see cref="NotificationJson"/> to SNS.</summary>
public sealed record StudyPublication(
    StudyReport Report,
    ObjectLocation ReportLocation,
    StudyCompletedNotification Notification,
    string NotificationJson,
    WebhookDelivery? Webhook);
