using System.Globalization;

namespace MedImaging.Cli.Benchmarking;

/// <summary>
/// A CPU quota shared by a set of processes: a Linux cgroup of its own with a CFS bandwidth limit (cgroup v2 cpu.max,
/// v1 cpu.cfs_quota_us). Two systems given the same budget are compared on equal CPU while what they call over the
/// network (here the emulated AWS services) runs outside it. Dispose moves the processes back and removes the group.
/// </summary>
public sealed class CpuBudget : IDisposable
{
    private const int PeriodMicroseconds = 100_000;

    private static int s_created;

    private readonly CgroupHierarchy _hierarchy;
    private readonly string _group;
    private readonly Dictionary<int, string> _returnTo = [];

    private CpuBudget(CgroupHierarchy hierarchy, string group, double cores)
    {
        _hierarchy = hierarchy;
        _group = group;
        Cores = cores;
        // A bench stopped by Ctrl-C or SIGTERM must not leave a running system throttled (SIGKILL still can).
        AppDomain.CurrentDomain.ProcessExit += OnProcessExit;
    }

    public double Cores { get; }

    /// <summary>cgroup v1 or v2, as found.</summary>
    public string Mechanism => _hierarchy.IsV2 ? "cgroup v2 cpu.max" : "cgroup v1 cpu.cfs_quota_us";

    /// <summary>The group's directory (for tests and for the report).</summary>
    public string GroupPath => _group;

    /// <exception cref="ArgumentOutOfRangeException">cores is not between 0.01 and the machine's processor count.</exception>
    /// <exception cref="CpuBudgetUnavailableException">No writable cgroup hierarchy with the cpu controller.</exception>
    public static CpuBudget Create(double cores)
    {
        if (!double.IsFinite(cores) || cores < 0.01 || cores > Environment.ProcessorCount)
            throw new ArgumentOutOfRangeException(nameof(cores), cores, $"a CPU budget is between 0.01 and {Environment.ProcessorCount} cores");
        var hierarchy = CgroupHierarchy.Find(Environment.ProcessId);
        var group = Path.Combine(hierarchy.GroupOf(Environment.ProcessId),
            $"medimaging-bench-{Environment.ProcessId}-{Interlocked.Increment(ref s_created)}");
        var quota = (long)Math.Round(cores * PeriodMicroseconds);
        try
        {
            hierarchy.EnableCpuControllerAbove(group);
            Directory.CreateDirectory(group);
            if (hierarchy.IsV2)
                File.WriteAllText(Path.Combine(group, "cpu.max"), string.Create(CultureInfo.InvariantCulture, $"{quota} {PeriodMicroseconds}"));
            else
            {
                File.WriteAllText(Path.Combine(group, "cpu.cfs_period_us"), PeriodMicroseconds.ToString(CultureInfo.InvariantCulture));
                File.WriteAllText(Path.Combine(group, "cpu.cfs_quota_us"), quota.ToString(CultureInfo.InvariantCulture));
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            TryRemove(group);
            throw new CpuBudgetUnavailableException($"cannot create a CPU-limited cgroup at {group} ({e.Message}); run as root on a machine whose cgroup file system is writable", e);
        }
        return new CpuBudget(hierarchy, group, cores);
    }

    /// <summary>A budget holding these processes; nothing is left behind when one cannot be added.</summary>
    /// <exception cref="CpuBudgetUnavailableException">The machine cannot limit CPU, or a process could not be moved.</exception>
    public static CpuBudget Holding(double cores, IEnumerable<int> pids)
    {
        var budget = Create(cores);
        try
        {
            foreach (var pid in pids) budget.Add(pid);
            return budget;
        }
        catch
        {
            budget.Dispose();
            throw;
        }
    }

    /// <summary>Why this machine cannot give processes a CPU budget, or null when it can (tried with a group made and removed).</summary>
    public static string? WhyUnavailable()
    {
        try
        {
            using var probe = Create(Math.Min(0.5, Environment.ProcessorCount));
            return null;
        }
        catch (CpuBudgetUnavailableException e)
        {
            return e.Message;
        }
    }

    /// <summary>Periods in which the kernel stopped the group's processes because they had used up the budget.</summary>
    public long ThrottledPeriods
    {
        get
        {
            var line = File.ReadLines(Path.Combine(_group, "cpu.stat")).FirstOrDefault(l => l.StartsWith("nr_throttled ", StringComparison.Ordinal));
            return line is null ? 0 : long.Parse(line["nr_throttled ".Length..], CultureInfo.InvariantCulture);
        }
    }

    /// <summary>Puts the process (all its threads, and children it starts later) under the budget.</summary>
    public void Add(int pid)
    {
        var from = _hierarchy.GroupOf(pid);
        try
        {
            File.WriteAllText(Path.Combine(_group, "cgroup.procs"), pid.ToString(CultureInfo.InvariantCulture));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CpuBudgetUnavailableException($"cannot move process {pid} into {_group} ({e.Message})", e);
        }
        _returnTo.TryAdd(pid, from);
    }

    public void Dispose()
    {
        AppDomain.CurrentDomain.ProcessExit -= OnProcessExit;
        var parent = Path.GetDirectoryName(_group)!;
        foreach (var pid in ReadMembers())
            _ = TryMove(pid, _returnTo.GetValueOrDefault(pid, parent)) || TryMove(pid, _hierarchy.Root);
        TryRemove(_group);
    }

    private void OnProcessExit(object? sender, EventArgs e) => Dispose();

    private IEnumerable<int> ReadMembers()
    {
        try
        {
            return [.. File.ReadAllLines(Path.Combine(_group, "cgroup.procs")).Select(line => int.Parse(line, CultureInfo.InvariantCulture))];
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }

    // False when the process ended meanwhile or the group is gone.
    private static bool TryMove(int pid, string group)
    {
        try
        {
            File.WriteAllText(Path.Combine(group, "cgroup.procs"), pid.ToString(CultureInfo.InvariantCulture));
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static void TryRemove(string group)
    {
        try
        {
            if (Directory.Exists(group)) Directory.Delete(group);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A group with a process still in it cannot go; it holds no resources once empty.
        }
    }
}
