using MedImaging.Pipeline.Storage;

namespace MedImaging.Pipeline.Publishing;

/// <summary>
/// The SNS message body (JSON) published to the study events topic when a study completes or fails.
/// Subscribers get counts and where the report is, never patient data.
/// </summary>
public sealed record StudyCompletedNotification(
    string Type,
    string StudyUid,
    string Status,
    DateTimeOffset CompletedAt,
    int InstanceCount,
    int FailedCount,
    IReadOnlyDictionary<string, int> Routing,
    ObjectLocation Report)
{
    public const string EventType = "StudyCompleted";

    /// <summary>SNS Subject (at most 100 ASCII characters).</summary>
    public string Subject => $"Study {Status}";

    public static StudyCompletedNotification From(StudyReport report, ObjectLocation reportLocation) =>
        new(EventType, report.StudyUid, report.Status, report.GeneratedAt, report.InstanceCount, report.FailedCount, report.Routing, reportLocation);
}
