namespace MedImaging.Studies;

/// <summary>An instance's bytes are in the ingest bucket; the study grain takes it from there.</summary>
/// <param name="ThenFinalize">
/// Set on the last instance of an upload that also finalizes its study: the grain takes the finalize with the
/// instance, so a whole-study upload needs no second call.
/// </param>
public sealed record InstanceReceived(
    string StudyKey,
    string InstanceId,
    string Bucket,
    string ObjectKey,
    string ContentType,
    long Size,
    string ContentSha256,
    DateTimeOffset ReceivedAt,
    FinalizeRequest? ThenFinalize = null) : StudyMessage(StudyKey);

/// <summary>A finalize carried by an instance message: what <see cref="FinalizeStudy"/> would have said.</summary>
public sealed record FinalizeRequest(string RequestId, int? ExpectedInstances);
