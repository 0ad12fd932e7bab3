using System.Diagnostics;
using System.Text.Json;

namespace MedImaging.Pipeline.Tests.Support;

/// <summary>Runs Analysis/Rekognition/sigv4_oracle.py (python3, standard library only) to sign a request by hand.</summary>
public static class SigV4Oracle
{
    public static string Authorization(string url, string body, string amzDate, string region, string service,
        string accessKey, string secretKey, IReadOnlyDictionary<string, string> headers)
    {
        var script = Path.Combine(AppContext.BaseDirectory, "sigv4_oracle.py");
        var start = new ProcessStartInfo("python3", [script])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException("python3 did not start");
        process.StandardInput.Write(JsonSerializer.Serialize(new
        {
            url, method = "POST", body, amzDate, region, service, accessKey, secretKey, headers,
        }));
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        if (!process.WaitForExit(TimeSpan.FromSeconds(30)) || process.ExitCode != 0)
            throw new InvalidOperationException("sigv4 oracle failed: " + error);
        return output.Trim();
    }
}
