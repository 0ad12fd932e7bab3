using System.Diagnostics;
using System.Security.Cryptography;
using MedImaging.AppHost.Hosting;
using MedImaging.Infrastructure;

namespace MedImaging.AppHost.Provisioning;

/// <summary>
/// The synthesized CloudFormation template, cached on disk under a key derived from the stack's compiled assembly
/// and the CDK version, so a warm start skips jsii (seconds of Node start-up) and a changed stack re-synthesizes.
/// A miss synthesizes in a child process (<c>MedImaging.AppHost synth --no-cache</c>): the jsii runtime is not safe
/// for concurrent use within one process, and its Node process then ends with that child.
/// </summary>
public sealed class TemplateCache(RepositoryLayout layout)
{
    private static readonly TimeSpan SynthesisTimeout = TimeSpan.FromMinutes(3);

    public string Key { get; } = ComputeKey();

    public string TemplatePath => Path.Combine(layout.CacheDirectory, $"template-{Key}.json");

    public bool IsWarm => File.Exists(TemplatePath);

    /// <summary>Returns the cached template, synthesizing and storing it first on a miss.</summary>
    public async Task<string> GetOrSynthesizeAsync(CancellationToken cancellationToken)
    {
        if (IsWarm)
        {
            return await File.ReadAllTextAsync(TemplatePath, cancellationToken);
        }
        var template = await SynthesizeInChildProcessAsync(cancellationToken);
        Directory.CreateDirectory(layout.CacheDirectory);
        var temporary = TemplatePath + $".{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
        await File.WriteAllTextAsync(temporary, template, cancellationToken);
        File.Move(temporary, TemplatePath, overwrite: true); // atomic: concurrent starts never read half a file
        return template;
    }

    /// <summary>Synthesizes in this process (what the child runs); prefers the Node 22 the emulators ship.</summary>
    public static string SynthesizeHere(RepositoryLayout layout, MedImagingStackProps? props = null)
    {
        if (Environment.GetEnvironmentVariable("JSII_NODE") is null && File.Exists(layout.NodeExecutable))
        {
            Environment.SetEnvironmentVariable("JSII_NODE", layout.NodeExecutable);
        }
        return StackTemplate.Synthesize(props);
    }

    private async Task<string> SynthesizeInChildProcessAsync(CancellationToken cancellationToken)
    {
        var startInfo = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        startInfo.ArgumentList.Add(layout.ProjectAssembly("MedImaging.AppHost"));
        startInfo.ArgumentList.Add("synth");
        startInfo.ArgumentList.Add("--no-cache");
        using var process = Process.Start(startInfo) ?? throw new ResourceStartException("template", "could not start the synthesis");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var errors = process.StandardError.ReadToEndAsync(cancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(SynthesisTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            if (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
            throw new ResourceStartException("template", $"CDK synthesis did not finish within {SynthesisTimeout.TotalSeconds:0} s");
        }
        if (process.ExitCode != 0)
        {
            throw new ResourceStartException("template", $"CDK synthesis failed ({process.ExitCode}): {await errors}");
        }
        return await output;
    }

    private static string ComputeKey()
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        // Builds are deterministic, so the assembly's bytes change exactly when the stack's source does.
        hash.AppendData(File.ReadAllBytes(typeof(MedImagingStack).Assembly.Location));
        hash.AppendData(System.Text.Encoding.UTF8.GetBytes(typeof(Amazon.CDK.App).Assembly.FullName ?? ""));
        return Convert.ToHexStringLower(hash.GetHashAndReset())[..16];
    }
}
