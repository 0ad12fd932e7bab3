namespace MedImaging.Aws.Studies;

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
}

public static class StepOutcome
{
    public const string Succeeded = "succeeded";
    public const string Failed = "failed";
    public const string Retrying = "retrying";
    public const string AlreadyDone = "already-done";
}
