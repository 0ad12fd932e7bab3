namespace MedImaging.Studies;

/// <summary>
/// A durable timer of the study grain: deliver a study's webhook notification again, as attempt <see cref="Attempt"/>.
/// <see cref="Body"/> is the PHI-free notification JSON of the first attempt, so every attempt signs the same bytes.
/// </summary>
public sealed record RetryWebhook(string StudyKey, string DeliveryId, int Attempt, string Body) : StudyMessage(StudyKey);
