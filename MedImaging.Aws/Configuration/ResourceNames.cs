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

    /// <summary>The queue the ingest bucket's ObjectCreated events go to: objects put straight into the bucket.</summary>
    public string IngestQueueUrl { get; init; } = "";

    /// <summary>Failed instances and unreadable ingest events, for an operator to inspect and redrive.</summary>
    public string StudyDeadLetterQueueUrl { get; init; } = "";
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
        new(nameof(IngestQueueUrl), IngestQueueUrl),
        new(nameof(StudyDeadLetterQueueUrl), StudyDeadLetterQueueUrl),
        new(nameof(StudyEventsTopicArn), StudyEventsTopicArn),
    ];

    /// <summary>Names of the settings that are still empty, for a clear startup error.</summary>
    public IReadOnlyList<string> MissingSettings() =>
        ToSettings().Where(s => string.IsNullOrWhiteSpace(s.Value)).Select(s => s.Key).ToList();
}
