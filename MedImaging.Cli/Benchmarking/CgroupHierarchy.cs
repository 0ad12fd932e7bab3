namespace MedImaging.Cli.Benchmarking;

/// <summary>
/// Where the cgroup hierarchy that holds the cpu controller is mounted (v1 "cpu" or v2), read from /proc/self/mountinfo,
/// and which directory of it a process is in, read from /proc/PID/cgroup.
/// </summary>
public sealed record CgroupHierarchy(bool IsV2, string MountPoint, string MountRoot)
{
    /// <summary>The hierarchy's top directory as this mount shows it.</summary>
    public string Root => MountPoint;

    /// <exception cref="CpuBudgetUnavailableException">No cgroup file system with the cpu controller is mounted.</exception>
    public static CgroupHierarchy Find(int pid)
    {
        CgroupHierarchy? v2 = null;
        foreach (var line in ReadLines("/proc/self/mountinfo"))
        {
            // "id parent major:minor root mount-point options [optional...] - fstype source super-options"
            var halves = line.Split(" - ", 2);
            if (halves.Length != 2) continue;
            var before = halves[0].Split(' ');
            var after = halves[1].Split(' ');
            if (before.Length < 5 || after.Length < 3) continue;
            var (root, mountPoint) = (Unescape(before[3]), Unescape(before[4]));
            if (after[0] == "cgroup" && after[2].Split(',').Contains("cpu")) return new CgroupHierarchy(false, mountPoint, root);
            if (after[0] == "cgroup2") v2 ??= new CgroupHierarchy(true, mountPoint, root);
        }
        if (v2 is not null && File.Exists(Path.Combine(v2.MountPoint, "cgroup.controllers"))
            && File.ReadAllText(Path.Combine(v2.MountPoint, "cgroup.controllers")).Split(' ', '\n').Contains("cpu"))
            return v2;
        throw new CpuBudgetUnavailableException($"no cgroup file system with the cpu controller is mounted (process {pid})", null);
    }

    /// <summary>The directory of the process's group in this hierarchy.</summary>
    public string GroupOf(int pid)
    {
        foreach (var line in ReadLines($"/proc/{pid}/cgroup"))
        {
            // "id:controllers:path"; v2's line is "0::path".
            var parts = line.Split(':', 3);
            if (parts.Length != 3) continue;
            var matches = IsV2 ? parts[0] == "0" && parts[1].Length == 0 : parts[1].Split(',').Contains("cpu");
            if (!matches) continue;
            var path = parts[2];
            if (MountRoot != "/" && path.StartsWith(MountRoot, StringComparison.Ordinal)) path = path[MountRoot.Length..];
            return Path.Join(MountPoint, path.TrimStart('/')).TrimEnd('/');
        }
        throw new CpuBudgetUnavailableException($"process {pid} is in no group of the cgroup hierarchy at {MountPoint}", null);
    }

    /// <summary>v2 only: a group's controllers come from its parent's cgroup.subtree_control.</summary>
    public void EnableCpuControllerAbove(string group)
    {
        if (!IsV2) return;
        var parent = Path.GetDirectoryName(group)!;
        var control = Path.Combine(parent, "cgroup.subtree_control");
        if (!File.ReadAllText(control).Split(' ', '\n').Contains("cpu")) File.WriteAllText(control, "+cpu");
    }

    private static string[] ReadLines(string path)
    {
        try
        {
            return File.ReadAllLines(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CpuBudgetUnavailableException($"cannot read {path} ({e.Message})", e);
        }
    }

    // mountinfo escapes space, tab, newline and backslash as octal.
    private static string Unescape(string field) =>
        field.Replace("\\040", " ").Replace("\\011", "\t").Replace("\\012", "\n").Replace("\\134", "\\");
}
