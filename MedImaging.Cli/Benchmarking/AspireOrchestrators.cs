namespace MedImaging.Cli.Benchmarking;

/// <summary>
/// Finds the DCP processes that run an Aspire AppHost's resources: DCP's API server watches the AppHost
/// (<c>--monitor PID</c>) and shares its <c>--kubeconfig</c> path with DCP's controller process, whose children the
/// resources are. Both detach from the AppHost, so they are not its descendants.
/// </summary>
public static class AspireOrchestrators
{
    public static IEnumerable<int> Of(int appHost, IEnumerable<int> processes, Func<int, string[]> commandLine)
    {
        var lines = processes.ToDictionary(pid => pid, commandLine);
        var configs = lines.Values
            .Where(arguments => ValueOf(arguments, "--monitor") == appHost.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .Select(arguments => ValueOf(arguments, "--kubeconfig"))
            .OfType<string>()
            .ToHashSet(StringComparer.Ordinal);
        return configs.Count == 0 ? [] : lines.Where(l => ValueOf(l.Value, "--kubeconfig") is { } config && configs.Contains(config)).Select(l => l.Key);
    }

    private static string? ValueOf(string[] arguments, string option)
    {
        var index = Array.IndexOf(arguments, option);
        return index >= 0 && index + 1 < arguments.Length ? arguments[index + 1].Trim('"') : null;
    }
}
