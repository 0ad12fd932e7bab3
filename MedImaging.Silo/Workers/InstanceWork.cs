using MedImaging.Studies;

namespace MedImaging.Silo.Workers;

/// <param name="FirstRun">No earlier run of this instance can have written outputs, so steps need not look for them.</param>
public sealed record InstanceWork(string StudyKey, InstanceRecord Record, bool FirstRun);

/// <summary>The instance after its run, and what the study grain does next: wait <see cref="RetryAfter"/>, or nothing.</summary>
public sealed record InstanceRunResult(InstanceRecord Record, TimeSpan? RetryAfter, string? NextStep, int Attempt, string? FailureCode);
