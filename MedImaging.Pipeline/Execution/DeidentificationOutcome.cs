namespace MedImaging.Pipeline.Execution;

/// <summary>What de-identification produced: the new identifiers and the key the clean file is written under once routed.</summary>
/// <param name="Failed">De-identification could not be done: the instance may only go to quarantine.</param>
/// <param name="BurnedInPhiRisk">The pixels may show identifying text that was not cleaned.</param>
/// <param name="ActionCounts">How many attributes each profile action touched (e.g. X: 12, U: 4), for the report.</param>
public sealed record DeidentificationOutcome(
    bool Failed,
    string StudyUid,
    string SeriesUid,
    string InstanceUid,
    string? OutputKey,
    bool BurnedInPhiRisk,
    IReadOnlyDictionary<string, int> ActionCounts,
    string? FailureCode = null);
