using MedImaging.Studies;

namespace MedImaging.Silo.Publishing;

/// <summary>
/// What publishing a finished study did: how its report write stands, the report's key once written, and how its
/// notification and webhook stand (null when not configured, or not attempted yet because they wait for the report).
/// </summary>
public sealed record PublicationOutcome(DeliveryStatus Report, string? ReportKey, DeliveryStatus? Notification, DeliveryStatus? Webhook)
{
    /// <summary>The report is written or failed for good, so the notification and webhook have gone out.</summary>
    public bool IsSettled => Report.Status != DeliveryStatus.Retrying;
}
