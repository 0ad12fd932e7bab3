using MedImaging.Pipeline.Retries;

namespace MedImaging.Silo.Publishing;

/// <summary>
/// Bound from configuration section <c>MedImaging:Pipeline:Report</c>: how long one write of the study report to S3 may
/// take (the S3 client's own quick retries included) and how a failed one is retried (through delayed messages to the
/// study grain) before the report counts as failed.
/// </summary>
public sealed record ReportOptions
{
    public const string SectionName = "MedImaging:Pipeline:Report";

    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(20);

    public RetryOptions Retry { get; init; } = new() { MaxAttempts = 8, BaseDelay = TimeSpan.FromSeconds(5), MaxDelay = TimeSpan.FromMinutes(5) };
}
