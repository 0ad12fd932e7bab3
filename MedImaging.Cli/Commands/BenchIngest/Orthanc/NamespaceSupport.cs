using System.Diagnostics;

namespace MedImaging.Cli.Commands.BenchIngest.Orthanc;

/// <summary>
/// Whether this machine lets us create the network, PID and mount namespaces the Orthanc peer runs in. Unprivileged
/// containers often refuse them (seccomp, no user namespaces): then the peer is skipped with the reason, while an
/// Orthanc that fails inside namespaces that work is still an error.
/// </summary>
public static class NamespaceSupport
{
    public const string Unshare = "/usr/bin/unshare";

    private static readonly Lazy<string?> Probed = new(() => WhyUnavailable(Unshare));

    /// <summary>Null when namespaces can be created here; else why not (probed once per process).</summary>
    public static string? WhyUnavailable() => Probed.Value;

    /// <summary>Runs <paramref name="unshare"/> with the peer's options around /bin/true: null when it succeeds, else why not.</summary>
    public static string? WhyUnavailable(string unshare)
    {
        if (!File.Exists(unshare)) return $"{unshare} not found (util-linux)";
        var start = new ProcessStartInfo(unshare) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var option in Options()) start.ArgumentList.Add(option);
        start.ArgumentList.Add("/bin/true");
        using var process = Process.Start(start);
        if (process is null) return $"{unshare} could not be started";
        var errors = process.StandardError.ReadToEndAsync();
        process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(TimeSpan.FromSeconds(10)))
        {
            process.Kill(entireProcessTree: true);
            return $"{unshare} did not return within 10 s";
        }
        if (process.ExitCode == 0) return null;
        var why = errors.Result.Trim().Split('\n')[^1];
        return $"namespaces are not available here ({unshare} exit {process.ExitCode}: {(why.Length > 0 ? why : "no message")})";
    }

    /// <summary>unshare's options for the peer, up to and including "--": unprivileged, the caller is mapped to root in a new user namespace.</summary>
    public static IReadOnlyList<string> Options() =>
    [
        .. Environment.IsPrivilegedProcess ? Array.Empty<string>() : ["--map-root-user"],
        "--net", "--pid", "--fork", "--kill-child", "--mount-proc", "--",
    ];
}
