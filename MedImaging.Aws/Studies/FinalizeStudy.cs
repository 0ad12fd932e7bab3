namespace MedImaging.Aws.Studies;

/// <summary>The client says the study is whole; optionally how many instances it should have.</summary>
public sealed record FinalizeStudy(string StudyKey, int? ExpectedInstances, string RequestId) : StudyMessage(StudyKey)
{
    public override string DeduplicationId() => DeduplicationIds.From("finalize", StudyKey, RequestId);
}
