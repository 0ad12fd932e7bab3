namespace MedImaging.Pipeline.Execution;

public enum InstanceStatus
{
    /// <summary>Steps remain; <see cref="InstanceProgress.NextStep"/> says which.</summary>
    InProgress,
    Completed,
    Failed,
}
