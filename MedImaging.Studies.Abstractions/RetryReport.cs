namespace MedImaging.Studies;

/// <summary>
/// A durable timer of the study grain: write the study report of completion <see cref="DeliveryId"/> again, as attempt
/// <see cref="Attempt"/>. The report is rebuilt from the study's state (it can outgrow an SQS message); a study that
/// reopened since has another delivery id, and this timer then has nothing to do.
/// </summary>
public sealed record RetryReport(string StudyKey, string DeliveryId, int Attempt) : StudyMessage(StudyKey);
