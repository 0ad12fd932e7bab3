namespace MedImaging.Silo.Grains;

/// <summary>How study grains pace their work, bound from <c>MedImaging:Studies</c>.</summary>
public sealed record StudyGrainOptions
{
    public const string SectionName = "MedImaging:Studies";

    /// <summary>Instances of one study running at once, across all silos; the rest wait in the grain.</summary>
    public int MaxInstancesInFlight { get; init; } = 64;

    /// <summary>A study nobody finalized completes after this long without a change.</summary>
    public TimeSpan QuietPeriod { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// How often a study with pending work is woken by its reminder, on whichever silo is alive: the bound on how long a
    /// killed silo's studies wait, and the grain of waits longer than <see cref="TimerLimit"/>.
    /// </summary>
    public TimeSpan ReminderPeriod { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>Waits up to this long are grain timers (exact, lost with the silo); longer ones wait for the reminder.</summary>
    public TimeSpan TimerLimit { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>First delay before a failed instance run (its worker's silo died) or a failed save is tried again.</summary>
    public TimeSpan RecoveryDelay { get; init; } = TimeSpan.FromSeconds(1);
}
