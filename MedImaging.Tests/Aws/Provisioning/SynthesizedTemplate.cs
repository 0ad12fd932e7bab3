using System.Diagnostics;
using MedImaging.AppHost.Hosting;

namespace MedImaging.Tests.Aws.Provisioning;

/// <summary>The stack's template synthesized by the AppHost in a child process (jsii is not safe to share across
/// the test classes that run in parallel in this process).</summary>
internal static class SynthesizedTemplate
{
    public static async Task<string> WithPrefixAsync(string prefix)
    {
        var startInfo = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        startInfo.ArgumentList.Add(RepositoryLayout.Discover().ProjectAssembly("MedImaging.AppHost"));
        startInfo.ArgumentList.Add("synth");
        startInfo.ArgumentList.Add("--prefix");
        startInfo.ArgumentList.Add(prefix);
        using var process = Process.Start(startInfo)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        Assert.True(process.ExitCode == 0, await errors);
        return await output;
    }
}
