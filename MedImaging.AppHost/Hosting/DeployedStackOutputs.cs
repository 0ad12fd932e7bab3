using System.Collections.Immutable;
using MedImaging.Aws.Configuration;
using MedImaging.Aws.Provisioning;
using Microsoft.Extensions.Logging;

namespace MedImaging.AppHost.Hosting;

/// <summary>Real AWS: the outputs of the deployed stack, unless the AppHost's configuration names every resource itself.</summary>
internal static class DeployedStackOutputs
{
    public static async Task<(IReadOnlyDictionary<string, string>, ImmutableArray<ResourcePropertySnapshot>)> ReadAsync(
        AwsCdkStackResource stack, IReadOnlyDictionary<string, string> configured, ILogger logger, CancellationToken cancellationToken)
    {
        if (ResourceNamesFromOutputs.Create(configured).MissingSettings().Count == 0)
        {
            logger.LogInformation("Resource names from the AppHost's configuration ({Section})", AwsResourceReferences.SectionName);
            return (configured, [new("outputs.source", "configuration")]);
        }
        using var reader = StackOutputsReader.Create(new AwsOptions { Region = stack.Region });
        var outputs = await reader.ReadAsync(stack.StackName, cancellationToken);
        if (ResourceNamesFromOutputs.Create(outputs).MissingSettings() is { Count: > 0 } missing)
        {
            throw new DistributedApplicationException($"stack {stack.StackName} in {stack.Region} has no output for {string.Join(", ", missing)}");
        }
        logger.LogInformation("Outputs of the deployed stack {Stack} in {Region}", stack.StackName, stack.Region);
        return (outputs, [new("outputs.source", "CloudFormation")]);
    }
}
