namespace MedImaging.Infrastructure;

/// <summary>
/// Names of the stack's outputs. They equal the keys of <c>MedImaging:Resources</c> (ResourceNames), so both the
/// local provisioner and a deployed stack's outputs fill the same settings.
/// </summary>
public static class StackOutputs
{
    public const string IngestBucket = nameof(IngestBucket);
    public const string ProcessedBucket = nameof(ProcessedBucket);
    public const string XrayBucket = nameof(XrayBucket);
    public const string CtScanBucket = nameof(CtScanBucket);
    public const string GeneralBucket = nameof(GeneralBucket);
    public const string QuarantineBucket = nameof(QuarantineBucket);
    public const string StudyTable = nameof(StudyTable);
    public const string StudyQueueUrl = nameof(StudyQueueUrl);
    public const string StudyDeadLetterQueueUrl = nameof(StudyDeadLetterQueueUrl);
    public const string StudyTimerQueueUrl = nameof(StudyTimerQueueUrl);
    public const string StudyEventsTopicArn = nameof(StudyEventsTopicArn);
}
