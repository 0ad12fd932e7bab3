namespace MedImaging.Aws.Dynamo;

/// <summary>A study that has seen no change since <see cref="UpdatedAt"/>.</summary>
public sealed record StaleStudy(string StudyKey, DateTimeOffset UpdatedAt);
