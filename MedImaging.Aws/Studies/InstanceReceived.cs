namespace MedImaging.Aws.Studies;

/// <summary>An instance's bytes are in the ingest bucket; the study grain takes it from there.</summary>
/// <param name="ThenFinalize">
/// Set on the last instance of an upload that also finalizes its study: the grain takes the finalize in the instance's
/// own turn, so a whole-study upload needs no second message and no second turn.
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
    FinalizeRequest? ThenFinalize = null) : StudyMessage(StudyKey)
{
    // The finalize request is part of the identity: the same instance sent again with a new finalize must not be
    // swallowed by the queue's deduplication, or that finalize would be lost.
    public override string DeduplicationId() => ThenFinalize is { } finalize
        ? DeduplicationIds.From("received", StudyKey, InstanceId, ContentSha256, "finalize", finalize.RequestId)
        : DeduplicationIds.From("received", StudyKey, InstanceId, ContentSha256);
}

/// <summary>A finalize carried by an instance message: what <see cref="FinalizeStudy"/> would have said.</summary>
public sealed record FinalizeRequest(string RequestId, int? ExpectedInstances);
