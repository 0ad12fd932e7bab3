namespace MedImaging.Studies;

/// <summary>
/// Where a study's report write, SNS notification or webhook delivery stands: retrying (a delayed attempt is scheduled),
/// delivered (for the report: stored in the processed bucket), or failed for good, with the attempts made and what the last one got. PHI-free: error codes and HTTP statuses only.
/// </summary>
/// <param name="DeliveryId">The delivery these attempts belong to ({study'}:{status}:{instances}); a reopened and
/// completed-again study starts a new one, and late attempts of an older one no longer change this status.</param>
public sealed record DeliveryStatus(
    string Status,
    int Attempts,
    DateTimeOffset UpdatedAt,
    string DeliveryId,
    int? LastStatusCode = null,
    string? Error = null)
{
    public const string Delivered = "delivered";
    public const string Retrying = "retrying";
    public const string Failed = "failed";
}
