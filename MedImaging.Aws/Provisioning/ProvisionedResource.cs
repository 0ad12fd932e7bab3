namespace MedImaging.Aws.Provisioning;

public enum ProvisioningOutcome
{
    Created,
    Existing,
    /// <summary>A type the emulators do not model (e.g. a bucket policy); nothing to create locally.</summary>
    Skipped,
}

/// <summary>What provisioning did with one template resource. <see cref="Reference"/> is its Ref value
/// (bucket name, table name, queue URL, topic ARN); <see cref="Attributes"/> its Fn::GetAtt values.</summary>
public sealed record ProvisionedResource(
    string LogicalId,
    string Type,
    ProvisioningOutcome Outcome,
    string Reference,
    IReadOnlyDictionary<string, string> Attributes)
{
    public string? Note { get; init; }
}
