using System.Diagnostics;

namespace MedImaging.Dicom.Deidentification.Tests.Support;

/// <summary>dcmtk's dcmdump as an independent reader.</summary>
internal static class Dcmtk
{
    public static (int ExitCode, string Output, string Errors) DumpBytes(byte[] bytes)
    {
        var path = Path.Combine(Path.GetTempPath(), $"dcmdump-{Guid.NewGuid():N}.dcm");
        File.WriteAllBytes(path, bytes);
        try
        {
            return Dump(path);
        }
        finally
        {
            File.Delete(path);
        }
    }

    public static (int ExitCode, string Output, string Errors) Dump(string path)
    {
        var start = new ProcessStartInfo("dcmdump", ["-q", "+L", path])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(60_000))
        {
            process.Kill();
            throw new TimeoutException("dcmdump did not finish");
        }
        return (process.ExitCode, output.Result, errors.Result);
    }
}
