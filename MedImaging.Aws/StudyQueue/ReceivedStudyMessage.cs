using MedImaging.Aws.Studies;

namespace MedImaging.Aws.StudyQueue;

/// <summary>
/// A delivery from the study queue. <see cref="Message"/> is null when the body could not be read
/// (the runtime dead-letters it); <see cref="TraceParent"/> continues the sender's trace.
/// </summary>
public sealed record ReceivedStudyMessage(
    StudyMessage? Message,
    string MessageId,
    string ReceiptHandle,
    string GroupId,
    int ReceiveCount,
    string Body,
    string? TraceParent)
{
    /// <summary>When SQS accepted the message (SentTimestamp); for a delayed message, when it was forwarded due.</summary>
    public DateTimeOffset? SentAt { get; init; }

    /// <summary>When SQS first delivered it (ApproximateFirstReceiveTimestamp).</summary>
    public DateTimeOffset? FirstReceivedAt { get; init; }

    public override string ToString() => $"ReceivedStudyMessage {{ MessageId = {MessageId}, ReceiveCount = {ReceiveCount} }}";
}
