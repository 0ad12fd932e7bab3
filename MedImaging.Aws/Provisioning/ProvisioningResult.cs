using MedImaging.Aws.Configuration;

namespace MedImaging.Aws.Provisioning;

/// <summary>Every resource's outcome plus the template's outputs resolved to physical names.</summary>
public sealed record ProvisioningResult(IReadOnlyList<ProvisionedResource> Resources, IReadOnlyDictionary<string, string> Outputs)
{
    /// <summary>The outputs are keyed like <see cref="ResourceNames"/>' properties.</summary>
    public ResourceNames ToResourceNames() => ResourceNamesFromOutputs.Create(Outputs);

    public bool ChangedAnything => Resources.Any(r => r.Outcome == ProvisioningOutcome.Created);
}
