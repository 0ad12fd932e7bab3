using System.Diagnostics;
using MedImaging.Tests.TestHosting;

namespace MedImaging.Tests.Aws.Provisioning;

/// <summary>The stack's template synthesized by the CDK app (MedImaging.Infrastructure) in a child process, as the
/// AppHost does (jsii is not safe to share across the test classes that run in parallel in this process).</summary>
internal static class SynthesizedTemplate
{
    public static async Task<string> WithPrefixAsync(string prefix)
    {
        var startInfo = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        startInfo.ArgumentList.Add(RepositoryLayout.Discover().ProjectAssembly("MedImaging.Infrastructure"));
        startInfo.ArgumentList.Add("--print-template");
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
