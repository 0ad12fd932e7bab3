using System.Diagnostics;
using System.Globalization;

namespace MedImaging.Cli.Commands.Bench;

/// <summary>Runs Debian's pydicom on the same files (python3-pydicom, python3-numpy) and reads its files/s.</summary>
public static class PeerBenchmark
{
    public sealed record Result(double FullFilesPerSecond, double HeaderFilesPerSecond, string Version);

    public static Result? Run(IReadOnlyList<string> files, TextWriter error)
    {
        var script = Path.Combine(Path.GetTempPath(), $"medimaging-pydicom-{Environment.ProcessId}.py");
        using (var resource = typeof(PeerBenchmark).Assembly.GetManifestResourceStream("MedImaging.Cli.pydicom_parse.py")!)
        using (var target = File.Create(script))
            resource.CopyTo(target);
        try
        {
            var python = File.Exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3";
            var info = new ProcessStartInfo(python) { RedirectStandardOutput = true, RedirectStandardError = true };
            info.ArgumentList.Add(script);
            foreach (var file in files) info.ArgumentList.Add(file);
            using var process = Process.Start(info)!;
            var stderr = process.StandardError.ReadToEndAsync();
            var stdout = process.StandardOutput.ReadToEnd();
            if (!process.WaitForExit(600_000)) process.Kill(true);
            if (process.ExitCode != 0)
            {
                error.WriteLine($"pydicom peer failed (apt-get install python3-pydicom python3-numpy): {stderr.Result.Trim().Split('\n')[^1]}");
                return null;
            }
            var values = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries)
                .Select(l => l.Split(' ', 2)).ToDictionary(p => p[0], p => p[1]);
            return new Result(double.Parse(values["full"], CultureInfo.InvariantCulture),
                double.Parse(values["header"], CultureInfo.InvariantCulture), values["version"]);
        }
        finally
        {
            File.Delete(script);
        }
    }
}
