using MedImaging.Pipeline.Retries;

namespace MedImaging.Pipeline.Publishing.Webhooks;

/// <summary>Bound from configuration section <c>MedImaging:Pipeline:Webhook</c>. No Url means no webhook.</summary>
public sealed record WebhookOptions
{
    public const string SectionName = "MedImaging:Pipeline:Webhook";

    public Uri? Url { get; init; }

    /// <summary>The shared secret the receiver verifies the HMAC with.</summary>
    public string Secret { get; init; } = "";

    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(10);

    public RetryOptions Retry { get; init; } = new() { MaxAttempts = 4, BaseDelay = TimeSpan.FromSeconds(1), MaxDelay = TimeSpan.FromSeconds(30) };

    /// <summary>How old a signed timestamp a receiver should still accept.</summary>
    public TimeSpan Tolerance { get; init; } = TimeSpan.FromMinutes(5);
}
