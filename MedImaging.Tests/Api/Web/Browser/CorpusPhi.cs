using System.Diagnostics;
using System.Text.RegularExpressions;

namespace MedImaging.Tests.Api.Web.Browser;

/// <summary>A corpus file's identifying values as dcmtk reads them (the oracle): name parts, IDs, birth date, institution.</summary>
public static partial class CorpusPhi
{
    public static IReadOnlyList<string> ValuesOf(string path)
    {
        using var process = Process.Start(new ProcessStartInfo("dcmdump",
            ["+P", "PatientName", "+P", "PatientID", "+P", "PatientBirthDate", "+P", "InstitutionName", path]) { RedirectStandardOutput = true })!;
        var output = process.StandardOutput.ReadToEnd();
        Assert.True(process.WaitForExit(30_000), "dcmdump did not finish");
        Assert.True(process.ExitCode == 0, $"dcmdump cannot read {path} (exit {process.ExitCode})");
        return BracketedValue().Matches(output).Select(m => m.Groups[1].Value)
            .SelectMany(v => v.Split('^', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Where(v => v.Length >= 3).Distinct().ToList();
    }

    [GeneratedRegex(@"\[([^\]]+)\]")]
    private static partial Regex BracketedValue();
}
