using MedImaging.Pipeline.Retries;

namespace MedImaging.Silo.Publishing;

/// <summary>
/// Bound from configuration section <c>MedImaging:Pipeline:Notification</c>: how long one SNS publish may take and how
/// a failed one is retried (through delayed messages to the study grain) before the notification counts as failed.
/// </summary>
public sealed record NotificationOptions
{
    public const string SectionName = "MedImaging:Pipeline:Notification";

    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(10);

    public RetryOptions Retry { get; init; } = new() { MaxAttempts = 8, BaseDelay = TimeSpan.FromSeconds(5), MaxDelay = TimeSpan.FromMinutes(5) };
}
