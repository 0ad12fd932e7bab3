using System.Text.Json.Nodes;
using MedImaging.Aws.Sns;

namespace MedImaging.Aws.Provisioning;

/// <summary>AWS::SNS::Topic (CreateTopic is idempotent; the ARN is looked up first to report whether it existed).</summary>
public sealed class SnsTopicProvisioner(SnsClient sns, ProvisioningEnvironment environment) : IResourceProvisioner
{
    public string ResourceType => "AWS::SNS::Topic";

    public async Task<ProvisionedResource> ProvisionAsync(string logicalId, JsonObject properties, CancellationToken cancellationToken)
    {
        var name = properties["TopicName"]?.GetValue<string>()
            ?? throw new NotSupportedException($"topic {logicalId} needs an explicit TopicName to be provisioned locally");
        var expectedArn = $"arn:aws:sns:{environment.Region}:{environment.AccountId}:{name}";
        var outcome = ProvisioningOutcome.Existing;
        string arn;
        try
        {
            arn = (await sns.GetTopicAttributesAsync(expectedArn, cancellationToken))["TopicArn"];
        }
        catch (SnsException error) when (error.ErrorCode == "NotFound")
        {
            var attributes = properties["FifoTopic"]?.ToString() is "true" or "True"
                ? new Dictionary<string, string> { ["FifoTopic"] = "true" }
                : null;
            arn = await sns.CreateTopicAsync(name, attributes, cancellationToken);
            outcome = ProvisioningOutcome.Created;
        }
        return new ProvisionedResource(logicalId, ResourceType, outcome, arn, new Dictionary<string, string>
        {
            ["TopicArn"] = arn,
            ["TopicName"] = name,
        });
    }
}
