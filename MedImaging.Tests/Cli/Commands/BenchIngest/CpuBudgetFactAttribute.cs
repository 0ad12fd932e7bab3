using MedImaging.Cli.Benchmarking;

namespace MedImaging.Tests.Cli.Commands.BenchIngest;

/// <summary>A fact that needs to limit processes' CPU (root and a writable cgroup file system); skipped with the reason where the machine refuses.</summary>
public sealed class CpuBudgetFactAttribute : FactAttribute
{
    public CpuBudgetFactAttribute()
    {
        if (CpuBudget.WhyUnavailable() is { } why) Skip = why;
    }
}
