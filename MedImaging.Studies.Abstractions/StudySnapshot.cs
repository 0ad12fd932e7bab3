namespace MedImaging.Studies;

/// <summary>A study as read from the table; <see cref="Version"/> is the optimistic-concurrency token (0: no item).</summary>
public sealed record StudySnapshot(StudyRecord Study, IReadOnlyList<InstanceRecord> Instances, long Version);
