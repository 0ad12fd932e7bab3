namespace MedImaging.Studies;

public static class StudyStatus
{
    public const string Received = "received";
    public const string Processing = "processing";
    public const string Completed = "completed";
    public const string Failed = "failed";
}

public static class InstanceStatus
{
    public const string Received = "received";
    public const string Processing = "processing";
    public const string Done = "done";
    public const string Failed = "failed";

    /// <summary>What the Api shows for an instance that is done but was routed to quarantine (stored as <see cref="Done"/>).</summary>
    public const string Quarantined = "quarantined";
}

public static class StepOutcome
{
    public const string Succeeded = "succeeded";
    public const string Failed = "failed";
    public const string Retrying = "retrying";
    public const string AlreadyDone = "already-done";
}
