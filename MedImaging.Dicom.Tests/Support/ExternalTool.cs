using System.Diagnostics;

namespace MedImaging.Dicom.Tests.Support;

/// <summary>Runs an oracle tool (dcmtk) with a timeout and captures its output.</summary>
public static class ExternalTool
{
    public sealed record Result(int ExitCode, string Output, string Error);

    public static Result Run(string tool, params string[] args)
    {
        var info = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args) info.ArgumentList.Add(arg);
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"cannot start {tool}");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(60_000))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{tool} did not finish in 60 s");
        }
        return new Result(process.ExitCode, output.Result, error.Result);
    }
}
