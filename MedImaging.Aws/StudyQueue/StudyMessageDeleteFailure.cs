namespace MedImaging.Aws.StudyQueue;

/// <summary>A handled message the queue did not delete, and why; it comes back after its visibility timeout.</summary>
public sealed record StudyMessageDeleteFailure(ReceivedStudyMessage Message, Exception Error);
