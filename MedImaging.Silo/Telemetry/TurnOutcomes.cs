namespace MedImaging.Silo.Telemetry;

/// <summary>Values of the <c>medimaging.outcome</c> tag of grain turns and instance runs.</summary>
public static class TurnOutcomes
{
    public const string Completed = "completed";
    public const string Failed = "failed";
}
