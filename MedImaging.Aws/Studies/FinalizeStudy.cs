namespace MedImaging.Aws.Studies;

/// <summary>
/// The study is whole: sent by the client (optionally with how many instances to expect), or by the quiet-period
/// timer when nothing changed since <see cref="QuietSince"/>; the grain ignores the latter if the study changed since.
/// </summary>
public sealed record FinalizeStudy(string StudyKey, int? ExpectedInstances, string RequestId, DateTimeOffset? QuietSince = null)
    : StudyMessage(StudyKey)
{
    public static FinalizeStudy AfterQuietPeriod(string studyKey, DateTimeOffset quietSince) =>
        new(studyKey, null, "quiet-" + quietSince.UtcTicks.ToString(System.Globalization.CultureInfo.InvariantCulture), quietSince);

    public override string DeduplicationId() => DeduplicationIds.From("finalize", StudyKey, RequestId);
}
