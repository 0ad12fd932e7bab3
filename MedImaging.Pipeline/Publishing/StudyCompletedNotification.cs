using System.Text.Json.Serialization;
using MedImaging.Pipeline.Storage;

namespace MedImaging.Pipeline.Publishing;

/// <summary>
/// The SNS message body (JSON) published to the study events topic when a study completes or fails.
/// Subscribers get counts and where the report is, never patient data. The notification is sent once the report is
/// stored, so a subscriber that reads <see cref="Report"/> on receipt finds it; <see cref="Report"/> is null only when the
/// report could not be stored after its last attempt (the study's report delivery status says why).
/// </summary>
public sealed record StudyCompletedNotification(
    string Type,
    string StudyUid,
    string Status,
    DateTimeOffset CompletedAt,
    int InstanceCount,
    int FailedCount,
    IReadOnlyDictionary<string, int> Routing,
    // Written as null too: subscribers see that no report is named rather than a field that went missing.
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] ObjectLocation? Report)
{
    public const string EventType = "StudyCompleted";

    /// <summary>SNS Subject (at most 100 ASCII characters).</summary>
    public string Subject => $"Study {Status}";

    public static StudyCompletedNotification From(StudyReport report, ObjectLocation reportLocation) =>
        new(EventType, report.StudyUid, report.Status, report.GeneratedAt, report.InstanceCount, report.FailedCount, report.Routing, reportLocation);
}
