namespace MedImaging.AppHost.Emulators;

/// <summary>What the emulators' runtimes are tuned for.</summary>
public enum EmulatorTuning
{
    /// <summary>Ready soonest: what short-lived apps such as tests want.</summary>
    FastStart,

    /// <summary>Cheapest per request once warm, for a system that runs for a while (run.sh, benchmarks), at a few seconds more start-up.</summary>
    Throughput,
}
