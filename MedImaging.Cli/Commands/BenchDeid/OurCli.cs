using System.Runtime.CompilerServices;
using MedImaging.Cli.Benchmarking;

namespace MedImaging.Cli.Commands.BenchDeid;

/// <summary>
/// A `medimaging` executable to run as a separate process: the command and the arguments before the command's own.
/// </summary>
internal sealed record OurCli(string Program, IReadOnlyList<string> Prefix, string Kind)
{
    /// <summary>Where scripts/publish-cli.sh puts the native (NativeAOT) executable, relative to the repository.</summary>
    public const string PublishedPath = ".artifacts/cli/medimaging";

    /// <summary>Names a `medimaging` executable to measure instead of the ones found.</summary>
    public const string Variable = "MEDIMAGING_CLI";

    /// <summary>
    /// The native executable users run (MEDIMAGING_CLI, this process when it is native, else the published one found
    /// above the current directory), or null when none was built.
    /// </summary>
    public static OurCli? Native()
    {
        if (Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } given)
            return File.Exists(given) ? new OurCli(Path.GetFullPath(given), [], $"{Variable}={given}") : null;
        if (!RuntimeFeature.IsDynamicCodeSupported && Environment.ProcessPath is { } self)
            return new OurCli(self, [], "native AOT, this executable");
        return BenchSource.Find(PublishedPath) is { } published ? new OurCli(published, [], "native AOT, " + PublishedPath) : null;
    }

    /// <summary>This framework-dependent `medimaging` (start-up and JIT included); null when not running as it (e.g. under a test host).</summary>
    public static OurCli? FrameworkDependent()
    {
        if (!RuntimeFeature.IsDynamicCodeSupported) return null;
        var host = Environment.ProcessPath;
        var entry = Path.Combine(AppContext.BaseDirectory, "medimaging.dll");
        if (host is null || System.Reflection.Assembly.GetEntryAssembly()?.GetName().Name != "medimaging" || !File.Exists(entry))
            return null;
        return Path.GetFileNameWithoutExtension(host) == "medimaging"
            ? new OurCli(host, [], "framework-dependent, JIT")
            : new OurCli(host, [entry], "framework-dependent, JIT");
    }
}
