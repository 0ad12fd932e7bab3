using MedImaging.Pipeline.Storage;

namespace MedImaging.Pipeline.Publishing;

/// <summary>
/// What a finished study publishes, built without I/O so that every attempt (the completing turn, a report retry, a
/// redelivered turn) has the same report bytes, notification body and delivery id. The grain writes
/// <see cref="ReportJson"/> to <see cref="ReportLocation"/>, then publishes <see cref="NotificationJson"/> to SNS and the
/// webhook under <see cref="DeliveryId"/>.
/// </summary>
public sealed record StudyPublication(
    StudyReport Report,
    ObjectLocation ReportLocation,
    ReadOnlyMemory<byte> ReportJson,
    StudyCompletedNotification Notification,
    string NotificationJson,
    string DeliveryId);
