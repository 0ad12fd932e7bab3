using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;

namespace MedImaging.Pipeline.Tests.Support;

/// <summary>dcmtk's dcmdump as an oracle for top-level header values.</summary>
public static partial class DcmDump
{
    // Top-level elements only: nested ones are indented. UN values are printed as hex bytes.
    [GeneratedRegex(@"^\((?<tag>[0-9a-f]{4},[0-9a-f]{4})\) (?:UN (?<hex>[0-9a-f]{2}(?:\\[0-9a-f]{2})*)|\w\w \[(?<value>[^\]]*)\])", RegexOptions.IgnoreCase)]
    private static partial Regex Line();

    /// <summary>
    /// Top-level values by tag ("0008,0060"), for the tags asked for; absent or empty elements are missing. dcmdump must
    /// finish and read the whole file (exit 0): an oracle that read nothing must not make a check pass.
    /// </summary>
    public static IReadOnlyDictionary<string, string> Values(string path, params string[] tags) =>
        TryValues(path, tags) ?? throw new InvalidOperationException($"dcmdump cannot read {path}");

    /// <summary>As <see cref="Values"/>, or null when dcmdump rejects the file (a broken one); it must still finish.</summary>
    public static IReadOnlyDictionary<string, string>? TryValues(string path, params string[] tags)
    {
        using var process = Process.Start(new ProcessStartInfo("dcmdump", ["-q", "-Un", "+L", path]) { RedirectStandardOutput = true, RedirectStandardError = true })
                            ?? throw new InvalidOperationException("dcmdump did not start");
        var outputTask = process.StandardOutput.ReadToEndAsync();
        var errorTask = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(30)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"dcmdump did not finish on {path}");
        }
        var output = outputTask.Result;
        _ = errorTask.Result;
        if (process.ExitCode != 0) return null;
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in output.Split('\n'))
        {
            var match = Line().Match(line);
            if (!match.Success || !tags.Contains(match.Groups["tag"].Value, StringComparer.OrdinalIgnoreCase)) continue;
            var value = match.Groups["hex"].Success
                ? Encoding.ASCII.GetString(match.Groups["hex"].Value.Split('\\').Select(h => Convert.ToByte(h, 16)).ToArray()).TrimEnd('\0', ' ')
                : match.Groups["value"].Value.Trim();
            if (value.Length > 0) values.TryAdd(match.Groups["tag"].Value, value);
        }
        return values;
    }
}
