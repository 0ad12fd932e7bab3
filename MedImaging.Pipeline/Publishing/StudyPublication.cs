using MedImaging.Pipeline.Publishing.Webhooks;
using MedImaging.Pipeline.Storage;

namespace MedImaging.Pipeline.Publishing;

/// <summary>
/// What publishing a study did. The grain publishes <see cref="NotificationJson"/> to SNS; when
/// <see cref="Webhook"/> asks for a retry it calls <see cref="WebhookSender.AttemptAsync"/> later with
/// <see cref="WebhookDeliveryId"/>, the same body and the next attempt number.
/// </summary>
public sealed record StudyPublication(
    StudyReport Report,
    ObjectLocation ReportLocation,
    StudyCompletedNotification Notification,
    string NotificationJson,
    string WebhookDeliveryId,
    WebhookAttempt? Webhook);
