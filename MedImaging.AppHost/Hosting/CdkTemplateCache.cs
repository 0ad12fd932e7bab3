using System.Diagnostics;
using System.Security.Cryptography;

namespace MedImaging.AppHost.Hosting;

/// <summary>
/// The stack's synthesized CloudFormation template, cached on disk under a hash of the assemblies that define it and
/// of the CDK version, so a warm start skips jsii (seconds of Node) and a changed stack synthesizes again. Synthesis
/// runs the CDK app (MedImaging.Infrastructure) as a child process: jsii's Node process then ends with it.
/// </summary>
internal sealed class CdkTemplateCache(string cacheDirectory, string nodeExecutable)
{
    private static readonly TimeSpan SynthesisTimeout = TimeSpan.FromMinutes(3);

    public string Key { get; } = ComputeKey();

    public string TemplatePath => Path.Combine(cacheDirectory, $"template-{Key}.json");

    public bool IsWarm => File.Exists(TemplatePath);

    public async Task<string> GetOrSynthesizeAsync(CancellationToken cancellationToken)
    {
        if (IsWarm)
        {
            return await File.ReadAllTextAsync(TemplatePath, cancellationToken);
        }
        var template = await SynthesizeAsync(cancellationToken);
        Directory.CreateDirectory(cacheDirectory);
        var temporary = $"{TemplatePath}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
        await File.WriteAllTextAsync(temporary, template, cancellationToken);
        File.Move(temporary, TemplatePath, overwrite: true); // atomic: concurrent starts never read half a file
        return template;
    }

    private async Task<string> SynthesizeAsync(CancellationToken cancellationToken)
    {
        var startInfo = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            Environment = { ["JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION"] = "20" },
        };
        if (File.Exists(nodeExecutable))
        {
            startInfo.Environment["JSII_NODE"] = nodeExecutable;
        }
        startInfo.ArgumentList.Add(typeof(Infrastructure.MedImagingStack).Assembly.Location);
        startInfo.ArgumentList.Add("--print-template");
        using var process = Process.Start(startInfo) ?? throw new DistributedApplicationException("could not start the CDK synthesis");
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
            cancellationToken.ThrowIfCancellationRequested();
            throw new DistributedApplicationException($"CDK synthesis did not finish within {SynthesisTimeout.TotalSeconds:0} s");
        }
        if (process.ExitCode != 0)
        {
            throw new DistributedApplicationException($"CDK synthesis failed ({process.ExitCode}): {await errors}");
        }
        return await output;
    }

    private static string ComputeKey()
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        // Builds are deterministic: the assemblies' bytes change exactly when the stack's source (or the table schema
        // it takes from MedImaging.Aws) does.
        hash.AppendData(File.ReadAllBytes(typeof(Infrastructure.MedImagingStack).Assembly.Location));
        hash.AppendData(File.ReadAllBytes(typeof(Aws.Dynamo.StudyTableSchema).Assembly.Location));
        hash.AppendData(System.Text.Encoding.UTF8.GetBytes(typeof(Amazon.CDK.App).Assembly.FullName ?? ""));
        return Convert.ToHexStringLower(hash.GetHashAndReset())[..16];
    }
}
