namespace MedImaging.Studies;

/// <summary>The study is whole: sent by the client, optionally with how many instances to expect.</summary>
public sealed record FinalizeStudy(string StudyKey, int? ExpectedInstances, string RequestId) : StudyMessage(StudyKey);
