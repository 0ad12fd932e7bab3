using MedImaging.Pipeline.Steps;

namespace MedImaging.Pipeline.Publishing.Webhooks;

/// <summary>How a webhook delivery ended: delivered on some attempt, or failed with the last failure.</summary>
public sealed record WebhookDelivery(bool Delivered, int Attempts, int? LastStatusCode, StepFailure? Failure);
