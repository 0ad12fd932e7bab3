namespace MedImaging.Studies;

/// <summary>
/// The study item (PK STUDY#{key}, SK META). Instances live in their own items, so this one stays small
/// whatever the size of the study; its timeline holds study-level events only. <see cref="ReportKey"/> is the
/// study report's key in the processed bucket, once the report is written; <see cref="ReportDelivery"/> says whether
/// the report of the last completion was written, is being retried or failed, and <see cref="Notification"/> and
/// <see cref="Webhook"/> whether its SNS notification and webhook were delivered (both wait for the report).
/// <see cref="Outcomes"/> counts how its instances ended (done, quarantined, failed), set when the study completes, for the study list.
/// <see cref="Scheduled"/> holds the retries the grain has scheduled for itself and not yet run.
/// </summary>
public sealed record StudyRecord(
    string StudyKey,
    string Status,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? CompletedAt = null,
    int InstanceCount = 0,
    bool FinalizeRequested = false,
    int? ExpectedInstances = null,
    IReadOnlyList<StudyEvent>? Timeline = null,
    string? ReportKey = null,
    DeliveryStatus? Notification = null,
    DeliveryStatus? Webhook = null,
    DeliveryStatus? ReportDelivery = null,
    InstanceOutcomes? Outcomes = null,
    IReadOnlyList<ScheduledMessage>? Scheduled = null)
{
    public static StudyRecord New(string studyKey, DateTimeOffset now) => new(studyKey, StudyStatus.Received, now, now);
}

/// <summary>A study-level event (received, completed, reopened, finalize requested ...).</summary>
public sealed record StudyEvent(string Event, DateTimeOffset At, string? Detail = null);
