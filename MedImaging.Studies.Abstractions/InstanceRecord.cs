namespace MedImaging.Studies;

/// <summary>
/// One instance item (PK STUDY#{key}, SK INST#{instance id}) with its per-step timeline.
/// <see cref="Progress"/> is the pipeline's InstanceProgress as JSON (MedImaging.Pipeline's PipelineJson), the
/// grain's working state between steps; <see cref="Result"/> is its PHI-free InstanceResult as JSON, written once
/// the instance is completed or failed: that is what the Api shows.
/// </summary>
public sealed record InstanceRecord(
    string InstanceId,
    string Status,
    string Bucket,
    string ObjectKey,
    string ContentType,
    long Size,
    string ContentSha256,
    DateTimeOffset ReceivedAt,
    DateTimeOffset UpdatedAt,
    IReadOnlyList<StepRecord>? Steps = null,
    string? Error = null,
    string? Progress = null,
    string? Result = null);

/// <summary>One attempt of one pipeline step of an instance.</summary>
public sealed record StepRecord(
    string Step,
    int Attempt,
    DateTimeOffset StartedAt,
    DateTimeOffset? EndedAt,
    string Outcome,
    string? Error = null);
