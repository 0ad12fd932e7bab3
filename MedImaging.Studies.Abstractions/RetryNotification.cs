namespace MedImaging.Studies;

/// <summary>
/// A durable timer of the study grain: publish a study's SNS notification again, as attempt <see cref="Attempt"/>.
/// <see cref="Body"/> is the PHI-free notification JSON of the first attempt; <see cref="GroupId"/> the de-identified
/// study UID (the message group on a FIFO topic).
/// </summary>
public sealed record RetryNotification(string StudyKey, string DeliveryId, int Attempt, string Body, string Subject, string GroupId)
    : StudyMessage(StudyKey);
