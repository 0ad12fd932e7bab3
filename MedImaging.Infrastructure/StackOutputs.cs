using MedImaging.Aws.Configuration;

namespace MedImaging.Infrastructure;

/// <summary>
/// Names of the stack's outputs: the keys of <c>AWS:Resources</c> (<see cref="ResourceNames"/>), so both the
/// local provisioner and a deployed stack's outputs fill the same settings.
/// </summary>
public static class StackOutputs
{
    public const string IngestBucket = nameof(ResourceNames.IngestBucket);
    public const string ProcessedBucket = nameof(ResourceNames.ProcessedBucket);
    public const string XrayBucket = nameof(ResourceNames.XrayBucket);
    public const string CtScanBucket = nameof(ResourceNames.CtScanBucket);
    public const string GeneralBucket = nameof(ResourceNames.GeneralBucket);
    public const string QuarantineBucket = nameof(ResourceNames.QuarantineBucket);
    public const string StudyTable = nameof(ResourceNames.StudyTable);
    public const string IngestQueueUrl = nameof(ResourceNames.IngestQueueUrl);
    public const string StudyDeadLetterQueueUrl = nameof(ResourceNames.StudyDeadLetterQueueUrl);
    public const string StudyEventsTopicArn = nameof(ResourceNames.StudyEventsTopicArn);

    /// <summary>The Orleans cluster's tables (not study resources: the Silo's and Api's Orleans configuration takes them).</summary>
    public const string OrleansMembershipTable = "OrleansMembershipTable";
    public const string OrleansGrainStateTable = "OrleansGrainStateTable";
    public const string OrleansReminderTable = "OrleansReminderTable";
}
