using System.Text.Json.Serialization;

namespace MedImaging.Aws.Studies;

/// <summary>A message to one study grain, carried by the study FIFO queue (MessageGroupId = study key).</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(InstanceReceived), nameof(InstanceReceived))]
[JsonDerivedType(typeof(FinalizeStudy), nameof(FinalizeStudy))]
[JsonDerivedType(typeof(ContinueInstance), nameof(ContinueInstance))]
[JsonDerivedType(typeof(RetryWebhook), nameof(RetryWebhook))]
[JsonDerivedType(typeof(RetryNotification), nameof(RetryNotification))]
[JsonDerivedType(typeof(RetryReport), nameof(RetryReport))]
public abstract record StudyMessage(string StudyKey)
{
    /// <summary>Deterministic SQS deduplication id: the same logical message sent twice is delivered once.</summary>
    public abstract string DeduplicationId();
}
