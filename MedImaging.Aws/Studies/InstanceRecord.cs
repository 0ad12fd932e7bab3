namespace MedImaging.Aws.Studies;

/// <summary>One instance item (PK STUDY#{key}, SK INST#{instance id}) with its per-step timeline.</summary>
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
    string? Error = null);

/// <summary>One attempt of one pipeline step of an instance.</summary>
public sealed record StepRecord(
    string Step,
    int Attempt,
    DateTimeOffset StartedAt,
    DateTimeOffset? EndedAt,
    string Outcome,
    string? Error = null);
