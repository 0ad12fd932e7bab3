namespace MedImaging.Cli.Benchmarking;

/// <summary>
/// CPU time (user + system) of every live descendant of a process, from /proc: on a shared machine the CPU a run
/// cost is a steadier figure than its wall-clock rate.
/// </summary>
public static class ProcessTreeCpu
{
    // USER_HZ: 100 on every Linux architecture .NET runs on.
    private const double TicksPerSecond = 100;

    /// <summary>CPU seconds used so far by the descendants of <paramref name="root"/> (not the root itself); null without /proc.</summary>
    public static double? DescendantsSeconds(int root)
    {
        if (!Directory.Exists("/proc")) return null;
        var parents = new Dictionary<int, int>();
        var ticks = new Dictionary<int, long>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out var pid)) continue;
            string stat;
            try
            {
                stat = File.ReadAllText(Path.Combine(directory, "stat"));
            }
            catch (IOException)
            {
                continue; // exited meanwhile
            }
            // "pid (comm) state ppid ... utime stime ...": comm may hold spaces and parentheses, so split after the last ')'.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            parents[pid] = int.Parse(fields[1], System.Globalization.CultureInfo.InvariantCulture);
            ticks[pid] = long.Parse(fields[11], System.Globalization.CultureInfo.InvariantCulture) + long.Parse(fields[12], System.Globalization.CultureInfo.InvariantCulture);
        }
        long total = 0;
        foreach (var (pid, used) in ticks)
            if (pid != root && IsDescendant(pid, root, parents)) total += used;
        return total / TicksPerSecond;
    }

    private static bool IsDescendant(int pid, int root, Dictionary<int, int> parents)
    {
        for (var depth = 0; depth < 64 && parents.TryGetValue(pid, out var parent) && parent > 0; depth++)
        {
            if (parent == root) return true;
            pid = parent;
        }
        return false;
    }
}
