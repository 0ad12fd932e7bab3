namespace MedImaging.Aws.Studies;

/// <summary>An instance's bytes are in the ingest bucket; the study grain takes it from there.</summary>
/// <param name="ThenFinalize">
/// Set on the last instance of an upload that also finalizes its study: the grain takes the finalize in the instance's
/// own turn, so a whole-study upload needs no second message and no second turn.
/// </param>
/// <param name="NewStudy">
/// Set on the first message the Api sends for a study it takes for new: one its upload wrote the stub item of (direct
/// uploads), or one its process had not seen (POST /api/studies writes no item). Until that message's turn saves, the
/// study is then absent or exactly the stub (<see cref="StudyRecord.New"/> at <see cref="ReceivedAt"/>, version 0),
/// so the grain runtime may start from it without reading. A hint only: the save, conditional on absent or version 0,
/// proves it. Messages from before the flag existed read as false.
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
    FinalizeRequest? ThenFinalize = null,
    bool NewStudy = false) : StudyMessage(StudyKey)
{
    // The finalize request is part of the identity: the same instance sent again with a new finalize must not be
    // swallowed by the queue's deduplication, or that finalize would be lost. NewStudy is not: it says nothing about
    // the instance, and only the study's creator ever sets it.
    public override string DeduplicationId() => ThenFinalize is { } finalize
        ? DeduplicationIds.From("received", StudyKey, InstanceId, ContentSha256, "finalize", finalize.RequestId)
        : DeduplicationIds.From("received", StudyKey, InstanceId, ContentSha256);
}

/// <summary>A finalize carried by an instance message: what <see cref="FinalizeStudy"/> would have said.</summary>
public sealed record FinalizeRequest(string RequestId, int? ExpectedInstances);
