using System.Security.Cryptography;
using MedImaging.Infrastructure;

namespace MedImaging.AppHost.Provisioning;

/// <summary>
/// The synthesized CloudFormation template, cached on disk under a key derived from the stack's compiled assembly
/// and the CDK version, so a warm start skips jsii (seconds of Node start-up) and a changed stack re-synthesizes.
/// </summary>
public sealed class TemplateCache(string directory)
{
    public string Key { get; } = ComputeKey();

    public string TemplatePath => Path.Combine(directory, $"template-{Key}.json");

    public bool IsWarm => File.Exists(TemplatePath);

    /// <summary>Returns the cached template, synthesizing and storing it first on a miss.</summary>
    public string GetOrSynthesize()
    {
        if (IsWarm)
        {
            return File.ReadAllText(TemplatePath);
        }
        var template = StackTemplate.Synthesize();
        Directory.CreateDirectory(directory);
        var temporary = TemplatePath + $".{Environment.ProcessId}.tmp";
        File.WriteAllText(temporary, template);
        File.Move(temporary, TemplatePath, overwrite: true); // atomic: concurrent starts never read half a file
        return template;
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
