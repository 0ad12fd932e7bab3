using System.Diagnostics;

namespace MedImaging.Dicom.Imaging.Tests.Oracles;

/// <summary>Runs a dcmtk/gdcm command-line tool as an oracle, bounded by a timeout.</summary>
public static class ExternalTool
{
    public static string Run(string executable, params string[] arguments) => RunWithErrors(executable, arguments).Output;

    public static (string Output, string Errors) RunWithErrors(string executable, params string[] arguments)
    {
        var start = new ProcessStartInfo(executable) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in arguments) start.ArgumentList.Add(a);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"cannot start {executable}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(120)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{executable} did not finish in 120 s");
        }
        if (process.ExitCode != 0)
            throw new OracleFailedException($"{executable} {string.Join(' ', arguments)} exited {process.ExitCode}: {stderr.Result.Trim()}");
        return (stdout.Result, stderr.Result);
    }
}

/// <summary>The oracle tool itself could not handle the input (some corpus files are beyond dcmtk or gdcm).</summary>
public sealed class OracleFailedException(string message) : Exception(message);
