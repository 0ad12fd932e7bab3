using System.Diagnostics;

namespace MedImaging.Cli.Commands.BenchIngest.Orthanc;

/// <summary>
/// Runs `medimaging bench orthanc-peer` (this same program) in new network, PID and mount namespaces:
/// Orthanc and its client see only loopback, and when the peer process ends, the kernel ends Orthanc with it
/// (it is the namespace's init). Reports why the peer was skipped when Orthanc or unshare is unavailable.
/// </summary>
public static class OrthancPeer
{
    private const string Unshare = NamespaceSupport.Unshare;

    /// <summary>Where Debian's orthanc package installs the server.</summary>
    public const string DefaultOrthancBinary = OrthancServer.DebianBinary;

    /// <param name="workDirectory">Where Orthanc keeps its configuration and storage; the caller deletes it, so nothing stays
    /// behind even if the peer process is killed.</param>
    /// <param name="cpuBudgetCores">Cores Orthanc may use (a cgroup CPU quota), or null for no limit.</param>
    public static OrthancPeerOutcome Run(string filesDirectory, string? warmupFile, int concurrency, string workDirectory, double? cpuBudgetCores = null, string orthancBinary = OrthancServer.DebianBinary)
    {
        if (!File.Exists(orthancBinary))
            return OrthancPeerOutcome.Skip($"{orthancBinary} not found (apt-get install orthanc, see scripts/install-deps.sh)");
        if (NamespaceSupport.WhyUnavailable() is { } unavailable)
            return OrthancPeerOutcome.Skip(unavailable);

        var start = new ProcessStartInfo(Unshare) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var option in NamespaceSupport.Options()) start.ArgumentList.Add(option);
        foreach (var part in SelfCommand()) start.ArgumentList.Add(part);
        foreach (var arg in new[] { "bench", "orthanc-peer", "--files", filesDirectory, "--concurrency", concurrency.ToString(System.Globalization.CultureInfo.InvariantCulture), "--orthanc", orthancBinary, "--work", workDirectory })
            start.ArgumentList.Add(arg);
        if (warmupFile is not null) { start.ArgumentList.Add("--warmup"); start.ArgumentList.Add(warmupFile); }
        if (cpuBudgetCores is { } cores) { start.ArgumentList.Add("--cpu-budget"); start.ArgumentList.Add(cores.ToString(System.Globalization.CultureInfo.InvariantCulture)); }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("cannot start unshare");
        var errors = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(15)))
        {
            process.Kill(entireProcessTree: true);
            return OrthancPeerOutcome.Skip("the Orthanc peer took more than 15 minutes; stopped");
        }
        var result = output.Result.Split('\n')
            .Where(line => line.StartsWith(BenchOrthancPeerCommand.ResultPrefix, StringComparison.Ordinal))
            .Select(line => OrthancPeerJson.Deserialize(line[BenchOrthancPeerCommand.ResultPrefix.Length..]))
            .FirstOrDefault();
        if (process.ExitCode == 0 && result is not null) return OrthancPeerOutcome.Ran(result);
        var why = errors.Result.Trim().Split('\n')[^1];
        return OrthancPeerOutcome.Skip($"the peer process failed (exit {process.ExitCode}): {(why.Length > 0 ? why : "no message")}");
    }

    /// <summary>How to start this program again: the dotnet host with medimaging.dll (also from a test host's directory).</summary>
    private static string[] SelfCommand()
    {
        var assembly = typeof(OrthancPeer).Assembly.Location;
        var host = Environment.ProcessPath is { } path && Path.GetFileNameWithoutExtension(path) == "dotnet"
            ? path
            : Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet";
        return [host, assembly];
    }
}

/// <summary>Either the peer's figures or why it was not measured.</summary>
public sealed record OrthancPeerOutcome(OrthancStoreResult? Result, string? SkippedBecause)
{
    public static OrthancPeerOutcome Ran(OrthancStoreResult result) => new(result, null);

    public static OrthancPeerOutcome Skip(string reason) => new(null, reason);
}
