using System.Text.Json.Nodes;

namespace MedImaging.Aws.Provisioning;

/// <summary>Creates one CloudFormation resource type in the target services, idempotently.</summary>
public interface IResourceProvisioner
{
    string ResourceType { get; }

    /// <param name="properties">The resource's properties with every intrinsic already resolved.</param>
    Task<ProvisionedResource> ProvisionAsync(string logicalId, JsonObject properties, CancellationToken cancellationToken);
}
