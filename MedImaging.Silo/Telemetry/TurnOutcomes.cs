namespace MedImaging.Silo.Telemetry;

/// <summary>Values of the <c>medimaging.outcome</c> tag of turns.</summary>
public static class TurnOutcomes
{
    public const string Completed = "completed";
    public const string Conflict = "conflict";
    public const string Failed = "failed";
    public const string DeadLettered = "dead_lettered";
}
