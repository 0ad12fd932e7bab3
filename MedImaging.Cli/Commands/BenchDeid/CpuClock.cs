using System.Diagnostics;
using System.Runtime.InteropServices;

namespace MedImaging.Cli.Commands.BenchDeid;

/// <summary>
/// CPU time (user + system) of this process and of its finished children (getrusage RUSAGE_CHILDREN), so each
/// tool's CPU time per file can be compared: unlike elapsed time it barely depends on what else the machine runs.
/// </summary>
internal static partial class CpuClock
{
    private const int RusageChildren = -1;

    public static TimeSpan OwnProcess()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime;
    }

    /// <summary>CPU time of all children waited for so far; zero where getrusage is unavailable.</summary>
    public static TimeSpan Children()
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS())
            return TimeSpan.Zero;
        var usage = new Rusage();
        if (getrusage(RusageChildren, ref usage) != 0)
            return TimeSpan.Zero;
        var micros = (usage.UserSeconds + usage.SystemSeconds) * 1_000_000 + usage.UserMicros + usage.SystemMicros;
        return TimeSpan.FromTicks(micros * 10);
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct Rusage
    {
        public long UserSeconds;
        public long UserMicros;
        public long SystemSeconds;
        public long SystemMicros;
        private unsafe fixed long _rest[14];
    }

    [LibraryImport("libc", SetLastError = true)]
    private static partial int getrusage(int who, ref Rusage usage);
}
