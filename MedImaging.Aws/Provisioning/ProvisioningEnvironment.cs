namespace MedImaging.Aws.Provisioning;

/// <summary>Values of the template's pseudo parameters (AWS::AccountId, AWS::Region, ...) in the target environment.</summary>
public sealed record ProvisioningEnvironment(string Region, string AccountId = ProvisioningEnvironment.EmulatorAccountId, string StackName = "MedImaging")
{
    /// <summary>The account id the emulators put in their ARNs.</summary>
    public const string EmulatorAccountId = "000000000000";
}
