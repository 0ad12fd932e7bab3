using MedImaging.Cli.Benchmarking;
using MedImaging.Cli.Commands.BenchIngest.Orthanc;

namespace MedImaging.Dicom.Tests.Cli.Commands.BenchIngest.Orthanc;

/// <summary>
/// A fact that needs a real Orthanc peer: skipped, with the reason, when Debian's Orthanc is not installed or the machine
/// refuses the namespaces it runs in (unprivileged containers); anything that goes wrong past that point fails the test.
/// </summary>
public sealed class OrthancPeerFactAttribute : FactAttribute
{
    /// <summary>Also needs to limit Orthanc's CPU (root and a writable cgroup file system).</summary>
    public bool WithCpuBudget { get; init; }

    public OrthancPeerFactAttribute()
    {
        if (!File.Exists(OrthancPeer.DefaultOrthancBinary))
            Skip = $"{OrthancPeer.DefaultOrthancBinary} not found (apt-get install orthanc, see scripts/install-deps.sh)";
        else if (NamespaceSupport.WhyUnavailable() is { } why)
            Skip = why;
    }

    public override string? Skip
    {
        get => base.Skip ?? (WithCpuBudget ? CpuBudget.WhyUnavailable() : null);
        set => base.Skip = value;
    }
}
