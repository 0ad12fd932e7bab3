namespace MedImaging.AppHost.Hosting;

/// <summary>
/// The AWS resources of one CDK stack, as an Aspire resource (shaped like Aspire.Hosting.AWS's CDK stack resource,
/// which is not on the package feed). Locally it is synthesized and provisioned into the emulators; with real AWS its
/// outputs are read from the deployed stack. Projects that reference it get the outputs as <c>AWS:Resources:*</c>.
/// </summary>
public sealed class AwsCdkStackResource(string name, string stackName, string region) : Resource(name), IResourceWithWaitSupport
{
    public string StackName { get; } = stackName;

    public string Region { get; } = region;

    /// <summary>Set in local mode: the emulators the stack is provisioned into.</summary>
    public AwsEmulatorEndpoints? Emulators { get; internal set; }

    /// <summary>The stack's outputs (output key to physical name); empty until the stack is running.</summary>
    public IReadOnlyDictionary<string, string> Outputs { get; internal set; } = new Dictionary<string, string>();
}
