using System.Text.Json.Nodes;
using Amazon.DynamoDBv2;
using Amazon.S3;
using MedImaging.Aws.Sns;
using Amazon.SQS;

namespace MedImaging.Aws.Provisioning;

/// <summary>
/// Creates a CloudFormation template's resources directly through the service APIs (the emulators have no
/// CloudFormation): dependencies first, each resource idempotently, so running it again changes nothing.
/// </summary>
public sealed class TemplateProvisioner(IEnumerable<IResourceProvisioner> provisioners, ProvisioningEnvironment environment)
{
    private readonly Dictionary<string, IResourceProvisioner> byType = provisioners.ToDictionary(p => p.ResourceType);

    public static TemplateProvisioner Create(IAmazonS3 s3, IAmazonDynamoDB dynamoDb, IAmazonSQS sqs, SnsClient sns, ProvisioningEnvironment environment) =>
        new([
            new S3BucketProvisioner(s3),
            new DynamoDbTableProvisioner(dynamoDb),
            new SqsQueueProvisioner(sqs),
            new SnsTopicProvisioner(sns, environment),
        ], environment);

    public async Task<ProvisioningResult> ProvisionAsync(CloudFormationTemplate template, CancellationToken cancellationToken = default)
    {
        var provisioned = new Dictionary<string, ProvisionedResource>(StringComparer.Ordinal);
        var resolver = new IntrinsicResolver(environment, provisioned);
        foreach (var resource in DependencyOrder(template.Resources))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!byType.TryGetValue(resource.Type, out var provisioner))
            {
                provisioned[resource.LogicalId] = new ProvisionedResource(
                    resource.LogicalId, resource.Type, ProvisioningOutcome.Skipped, resource.LogicalId, new Dictionary<string, string>())
                { Note = "not emulated locally" };
                continue;
            }
            var properties = resolver.Resolve(resource.Properties)!.AsObject();
            provisioned[resource.LogicalId] = await provisioner.ProvisionAsync(resource.LogicalId, properties, cancellationToken);
        }
        var outputs = template.Outputs.ToDictionary(o => o.Key, o => resolver.ResolveString(o.Value));
        return new ProvisioningResult([.. template.Resources.Select(r => provisioned[r.LogicalId])], outputs);
    }

    /// <summary>Orders resources so that each comes after everything it references (Ref, Fn::GetAtt, DependsOn).</summary>
    private static List<TemplateResource> DependencyOrder(IReadOnlyList<TemplateResource> resources)
    {
        var byId = resources.ToDictionary(r => r.LogicalId);
        var ordered = new List<TemplateResource>();
        var state = new Dictionary<string, bool>(); // false: visiting, true: done
        void Visit(TemplateResource resource)
        {
            if (state.TryGetValue(resource.LogicalId, out var done))
            {
                if (!done)
                {
                    throw new InvalidOperationException($"circular reference through {resource.LogicalId}");
                }
                return;
            }
            state[resource.LogicalId] = false;
            foreach (var dependency in IntrinsicResolver.References(resource.Properties).Concat(resource.DependsOn).Distinct())
            {
                if (byId.TryGetValue(dependency, out var target))
                {
                    Visit(target);
                }
            }
            state[resource.LogicalId] = true;
            ordered.Add(resource);
        }
        foreach (var resource in resources)
        {
            Visit(resource);
        }
        return ordered;
    }
}
