using MedImaging.Studies;

namespace MedImaging.Aws.Dynamo;

/// <summary>A study as the status index holds it, with its exact index sort value (to resume a listing after it).</summary>
public sealed record StudyIndexEntry(StudyRecord Study, string IndexTime);

/// <summary>Where a newest-first listing of one status partition stopped: the last entry it returned.</summary>
public sealed record StudyIndexPosition(string IndexTime, string StudyKey);
