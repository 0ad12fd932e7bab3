using MedImaging.Aws.Studies;

namespace MedImaging.Silo.Publishing;

/// <summary>What publishing a finished study did: where its report is and how its notification and webhook stand (null when not configured).</summary>
public sealed record PublicationOutcome(string ReportKey, DeliveryStatus? Notification, DeliveryStatus? Webhook);
