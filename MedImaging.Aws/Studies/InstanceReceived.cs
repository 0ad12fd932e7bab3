namespace MedImaging.Aws.Studies;

/// <summary>An instance's bytes are in the ingest bucket; the study grain takes it from there.</summary>
public sealed record InstanceReceived(
    string StudyKey,
    string InstanceId,
    string Bucket,
    string ObjectKey,
    string ContentType,
    long Size,
    string ContentSha256,
    DateTimeOffset ReceivedAt) : StudyMessage(StudyKey)
{
    public override string DeduplicationId() => DeduplicationIds.From("received", StudyKey, InstanceId, ContentSha256);
}
