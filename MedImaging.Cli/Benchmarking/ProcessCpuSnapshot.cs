using System.Globalization;

namespace MedImaging.Cli.Benchmarking;

/// <summary>
/// CPU time (user + system, whole process: all its threads) of a process, its live descendants and this process itself,
/// each named by its command line, read from /proc at one moment. Two snapshots give where the CPU of a run went.
/// </summary>
public sealed record ProcessCpuSnapshot(IReadOnlyDictionary<int, ProcessCpu> Processes)
{
    // USER_HZ: 100 on every Linux architecture .NET runs on.
    private const double TicksPerSecond = 100;

    /// <summary>
    /// The root process, its descendants and this process; null without /proc. When the root is an Aspire AppHost, its
    /// orchestrator (DCP, which detaches from the AppHost) and DCP's children (the emulators and services) count too.
    /// </summary>
    public static ProcessCpuSnapshot? Take(int root)
    {
        if (!Directory.Exists("/proc")) return null;
        var stats = new Dictionary<int, (int Parent, long Ticks)>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
            if (int.TryParse(Path.GetFileName(directory), out var pid) && ReadStat(directory) is { } stat)
                stats[pid] = stat;
        var self = Environment.ProcessId;
        var roots = AspireOrchestrators.Of(root, stats.Keys, ReadCommandLine).Append(root).ToHashSet();
        var processes = new Dictionary<int, ProcessCpu>();
        foreach (var (pid, stat) in stats)
        {
            if (!roots.Contains(pid) && pid != self && !roots.Any(r => IsDescendant(pid, r, stats))) continue;
            var role = pid == self ? ProcessRoles.Bench : ProcessRoles.Of(ReadCommandLine(pid), pid == root);
            processes[pid] = new ProcessCpu(role, stat.Ticks / TicksPerSecond);
        }
        return new ProcessCpuSnapshot(processes);
    }

    /// <summary>CPU seconds per role used between <paramref name="before"/> and this snapshot (a process started
    /// meanwhile counts from zero; one that ended meanwhile is gone, its CPU lost), largest first.</summary>
    public IReadOnlyList<RoleCpu> Since(ProcessCpuSnapshot before) =>
        [.. Processes
            .Select(p => (p.Value.Role, Seconds: p.Value.Seconds - (before.Processes.TryGetValue(p.Key, out var earlier) && earlier.Role == p.Value.Role ? earlier.Seconds : 0)))
            .GroupBy(p => p.Role)
            .Select(g => new RoleCpu(g.Key, g.Sum(p => p.Seconds), g.Count()))
            .OrderByDescending(r => r.Seconds)];

    private static (int Parent, long Ticks)? ReadStat(string directory)
    {
        string stat;
        try
        {
            stat = File.ReadAllText(Path.Combine(directory, "stat"));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null; // exited meanwhile
        }
        // "pid (comm) state ppid ... utime stime ...": comm may hold spaces and parentheses, so split after the last ')'.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (int.Parse(fields[1], CultureInfo.InvariantCulture),
            long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture));
    }

    private static string[] ReadCommandLine(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/cmdline").Split('\0', StringSplitOptions.RemoveEmptyEntries);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }

    private static bool IsDescendant(int pid, int root, Dictionary<int, (int Parent, long Ticks)> stats)
    {
        for (var depth = 0; depth < 64 && stats.TryGetValue(pid, out var stat) && stat.Parent > 0; depth++)
        {
            if (stat.Parent == root) return true;
            pid = stat.Parent;
        }
        return false;
    }
}

/// <param name="Role">What the process is in the measured system (<see cref="ProcessRoles"/>).</param>
public sealed record ProcessCpu(string Role, double Seconds);

/// <summary>CPU seconds the processes of one role used, and how many processes that was.</summary>
public sealed record RoleCpu(string Role, double Seconds, int Processes);
