namespace MedImaging.Aws.Configuration;

/// <summary>
/// Physical names of the provisioned resources, bound from <c>AWS:Resources</c>
/// (env <c>AWS__Resources__*</c>). The AppHost fills them from the stack's outputs.
/// </summary>
public sealed record ResourceNames
{
    public const string SectionName = "AWS:Resources";

    public string IngestBucket { get; init; } = "";
    public string ProcessedBucket { get; init; } = "";
    public string XrayBucket { get; init; } = "";
    public string CtScanBucket { get; init; } = "";
    public string GeneralBucket { get; init; } = "";
    public string QuarantineBucket { get; init; } = "";
    public string StudyTable { get; init; } = "";
    public string StudyQueueUrl { get; init; } = "";
    public string StudyDeadLetterQueueUrl { get; init; } = "";

    /// <summary>Standard queue holding delayed study messages until the Silo forwards them to the FIFO study queue.</summary>
    public string StudyTimerQueueUrl { get; init; } = "";
    public string StudyEventsTopicArn { get; init; } = "";

    /// <summary>The configuration keys (relative to <see cref="SectionName"/>) paired with their values.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> ToSettings() =>
    [
        new(nameof(IngestBucket), IngestBucket),
        new(nameof(ProcessedBucket), ProcessedBucket),
        new(nameof(XrayBucket), XrayBucket),
        new(nameof(CtScanBucket), CtScanBucket),
        new(nameof(GeneralBucket), GeneralBucket),
        new(nameof(QuarantineBucket), QuarantineBucket),
        new(nameof(StudyTable), StudyTable),
        new(nameof(StudyQueueUrl), StudyQueueUrl),
        new(nameof(StudyDeadLetterQueueUrl), StudyDeadLetterQueueUrl),
        new(nameof(StudyTimerQueueUrl), StudyTimerQueueUrl),
        new(nameof(StudyEventsTopicArn), StudyEventsTopicArn),
    ];

    /// <summary>Names of the settings that are still empty, for a clear startup error.</summary>
    public IReadOnlyList<string> MissingSettings() =>
        ToSettings().Where(s => string.IsNullOrWhiteSpace(s.Value)).Select(s => s.Key).ToList();
}
