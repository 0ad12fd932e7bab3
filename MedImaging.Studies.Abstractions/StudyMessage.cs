using System.Text.Json.Serialization;

namespace MedImaging.Studies;

/// <summary>
/// A message to one study grain. The follow-ups a grain schedules for itself (retries) are kept with the study as
/// <see cref="ScheduledMessage"/>s, so they survive the silo that scheduled them.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(InstanceReceived), nameof(InstanceReceived))]
[JsonDerivedType(typeof(FinalizeStudy), nameof(FinalizeStudy))]
[JsonDerivedType(typeof(ContinueInstance), nameof(ContinueInstance))]
[JsonDerivedType(typeof(RetryWebhook), nameof(RetryWebhook))]
[JsonDerivedType(typeof(RetryNotification), nameof(RetryNotification))]
[JsonDerivedType(typeof(RetryReport), nameof(RetryReport))]
public abstract record StudyMessage(string StudyKey);

/// <summary>A message the grain sends itself at <see cref="DueAt"/>.</summary>
public sealed record ScheduledMessage(StudyMessage Message, DateTimeOffset DueAt);
