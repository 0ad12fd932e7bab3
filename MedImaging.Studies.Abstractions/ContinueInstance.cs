namespace MedImaging.Studies;

/// <summary>
/// A durable timer of the study grain: run <see cref="Step"/> of an instance again, as attempt <see cref="Attempt"/>,
/// after a transient failure. The grain ignores it when the instance has moved on (a stale or repeated timer).
/// </summary>
public sealed record ContinueInstance(string StudyKey, string InstanceId, string Step, int Attempt) : StudyMessage(StudyKey);
