namespace MedImaging.Studies;

/// <summary>What a grain call's failure says when it says only "no silo could be reached": try again later.</summary>
public static class GrainCallFailures
{
    // Orleans' ConnectionFailedException is internal: known by name.
    public static bool IsUnreachable(Exception error) =>
        error is SiloUnavailableException or OrleansMessageRejectionException or TimeoutException
        || error.GetType().Name == "ConnectionFailedException";
}
