namespace MedImaging.Aws.StudyQueue;

/// <summary>A delivery from the timer queue; <see cref="Timer"/> is null when its attributes are missing or malformed.</summary>
public sealed record ReceivedStudyTimer(StudyTimer? Timer, string MessageId, string ReceiptHandle, string Body)
{
    public override string ToString() => $"ReceivedStudyTimer {{ MessageId = {MessageId}, DueAt = {Timer?.DueAt:O} }}";
}
