using MedImaging.Cli.Benchmarking;

namespace MedImaging.Cli.Commands.BenchIngest;

/// <summary>Puts the measured system's Silo and Api processes under the run's CPU budget, if it has one.</summary>
public static class SystemCpuBudget
{
    /// <returns>The budget (dispose to lift it), or null when the settings set none.</returns>
    /// <exception cref="CpuBudgetUnavailableException">The machine cannot limit CPU, or the tree has no Silo or no Api.</exception>
    public static CpuBudget? Start(IngestBenchSettings settings)
    {
        if (settings is not { CpuBudgetCores: { } cores, SystemPid: { } root }) return null;
        var members = ProcessCpuSnapshot.Take(root)?.Processes
            .Where(p => p.Value.Role is ProcessRoles.Silo or ProcessRoles.Api)
            .ToList() ?? [];
        if (!members.Any(p => p.Value.Role == ProcessRoles.Silo) || !members.Any(p => p.Value.Role == ProcessRoles.Api))
            throw new CpuBudgetUnavailableException($"process {root}'s tree has no Silo or no Api to put under the CPU budget", null);
        return CpuBudget.Holding(cores, members.Select(p => p.Key));
    }
}
