using System.Collections.Immutable;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MedImaging.AppHost.Hosting;

public static class AwsCdkStackBuilderExtensions
{
    private const string ResourceType = "AWS CDK stack";

    /// <summary>
    /// The CDK stack (MedImaging.Infrastructure) as a resource. Without <see cref="WithEmulators"/> it stands for the
    /// stack deployed on AWS (deployed with the CDK toolkit) and takes its outputs from CloudFormation, or from
    /// <c>AWS:Resources:*</c> in the AppHost's configuration when all are given there.
    /// </summary>
    public static IResourceBuilder<AwsCdkStackResource> AddAWSCDKStack(
        this IDistributedApplicationBuilder builder, string name, string stackName, string region)
    {
        var paths = RepositoryPaths.Of(builder);
        var configuredOutputs = builder.Configuration.GetSection(AwsResourceReferences.SectionName)
            .GetChildren().Where(c => !string.IsNullOrWhiteSpace(c.Value)).ToDictionary(c => c.Key, c => c.Value!);
        var stack = new AwsCdkStackResource(name, stackName, region);
        return builder.AddResource(stack)
            .WithInitialState(new CustomResourceSnapshot
            {
                ResourceType = ResourceType,
                State = KnownResourceStates.Waiting,
                Properties = [new(CustomResourceKnownProperties.Source, stackName), new("aws.region", region)],
            })
            .OnInitializeResource(async (resource, @event, cancellationToken) =>
            {
                var logger = @event.Logger;
                try
                {
                    var (outputs, properties) = resource.Emulators is { } emulators
                        ? await ProvisionLocallyAsync(resource, emulators, paths, @event, cancellationToken)
                        : await DeployedStackOutputs.ReadAsync(resource, configuredOutputs, logger, cancellationToken);
                    resource.Outputs = outputs;
                    await @event.Notifications.PublishUpdateAsync(resource, s => s with
                    {
                        State = KnownResourceStates.Running,
                        StartTimeStamp = DateTime.UtcNow,
                        Properties = [.. s.Properties, .. properties, .. outputs.Select(o => new ResourcePropertySnapshot($"output.{o.Key}", o.Value))],
                    });
                    await @event.Eventing.PublishAsync(new ResourceReadyEvent(resource, @event.Services), cancellationToken);
                }
                catch (Exception error) when (error is not OperationCanceledException)
                {
                    logger.LogError("The stack could not be made ready: {Reason}", error.Message);
                    await @event.Notifications.PublishUpdateAsync(resource, s => s with { State = KnownResourceStates.FailedToStart });
                }
            });
    }

    /// <summary>Local profile: synthesize the stack (cached) and provision it into these emulators once they are healthy.</summary>
    public static IResourceBuilder<AwsCdkStackResource> WithEmulators(
        this IResourceBuilder<AwsCdkStackResource> stack, IResourceBuilder<DynamoDBLocalResource> dynamoDb, IResourceBuilder<FauxqsResource> fauxqs)
    {
        stack.Resource.Emulators = new AwsEmulatorEndpoints(dynamoDb.Resource, fauxqs.Resource);
        return stack.WithRelationship(dynamoDb.Resource, "Provisioned into").WithRelationship(fauxqs.Resource, "Provisioned into");
    }

    private static async Task<(IReadOnlyDictionary<string, string>, ImmutableArray<ResourcePropertySnapshot>)> ProvisionLocallyAsync(
        AwsCdkStackResource stack, AwsEmulatorEndpoints emulators, RepositoryPaths paths, InitializeResourceEvent @event, CancellationToken cancellationToken)
    {
        await Task.WhenAll(
            EmulatorReadiness.WaitAsync(emulators.DynamoDb.Name, new Uri(emulators.DynamoDbUrl), anyAnswer: true, cancellationToken),
            EmulatorReadiness.WaitAsync(emulators.Fauxqs.Name, new Uri($"{emulators.FauxqsUrl}/health"), anyAnswer: false, cancellationToken));
        var cache = new CdkTemplateCache(paths.CacheDirectory, paths.NodeExecutable);
        var cacheWasWarm = cache.IsWarm;
        await @event.Notifications.PublishUpdateAsync(stack, s => s with { State = cacheWasWarm ? "Provisioning" : "Synthesizing" });
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var template = await cache.GetOrSynthesizeAsync(cancellationToken);
        var synthesis = clock.Elapsed;
        await @event.Notifications.PublishUpdateAsync(stack, s => s with { State = "Provisioning" });
        var result = await LocalStackProvisioner.ProvisionAsync(template, LocalStackProvisioner.ClientOptions(emulators, stack.Region), cancellationToken);
        foreach (var resource in result.Resources)
        {
            @event.Logger.LogInformation("{Type} {LogicalId}: {Outcome} {Reference}", resource.Type, resource.LogicalId, resource.Outcome, resource.Reference);
        }
        @event.Logger.LogInformation("Template {Source} in {SynthesisMs} ms ({Path}); provisioned in {ProvisionMs} ms",
            cacheWasWarm ? "from the cache" : "synthesized", (long)synthesis.TotalMilliseconds, cache.TemplatePath, (long)(clock.Elapsed - synthesis).TotalMilliseconds);
        return (result.Outputs, [
            new("template.hash", cache.Key),
            new("template.cache", cacheWasWarm ? "warm" : "cold"),
            new("provisioned.resources", result.Resources.Count(r => r.Outcome != Aws.Provisioning.ProvisioningOutcome.Skipped).ToString(System.Globalization.CultureInfo.InvariantCulture)),
        ]);
    }
}
