namespace MedImaging.Cli.Benchmarking;

/// <summary>This machine or user cannot limit processes' CPU (no writable cgroup with the cpu controller); says why.</summary>
public sealed class CpuBudgetUnavailableException(string message, Exception? inner) : Exception(message, inner);
