namespace MedImaging.Studies;

/// <summary>
/// How a study's finished instances ended: processed and routed (<see cref="Done"/>), routed to quarantine, or failed.
/// A study is "completed" once every instance finished, whatever these say: they tell a reader whether to look closer.
/// </summary>
public sealed record InstanceOutcomes(int Done, int Quarantined, int Failed)
{
    public static readonly InstanceOutcomes None = new(0, 0, 0);
}
