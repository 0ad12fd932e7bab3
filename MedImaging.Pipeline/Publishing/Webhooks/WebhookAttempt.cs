using MedImaging.Pipeline.Retries;

namespace MedImaging.Pipeline.Publishing.Webhooks;

/// <summary>The outcome of one delivery attempt and whether (and when) to try again.</summary>
public sealed record WebhookAttempt(WebhookDelivery Delivery, RetryDecision Retry);
