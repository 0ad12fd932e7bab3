using MedImaging.AppHost.Hosting;
using MedImaging.Aws.Configuration;
using MedImaging.Aws.Provisioning;

namespace MedImaging.AppHost.Orchestration;

/// <summary>Resource names on real AWS: from configuration when complete, else from the deployed stack's outputs.</summary>
public static class RealAwsResources
{
    public static async Task<ResourceNames> ResolveAsync(AppHostOptions options, AwsOptions aws, CancellationToken cancellationToken)
    {
        if (options.RealAwsResources is { } configured && configured.MissingSettings().Count == 0)
        {
            return configured;
        }
        IReadOnlyDictionary<string, string> outputs;
        try
        {
            using var reader = StackOutputsReader.Create(aws);
            outputs = await reader.ReadAsync(options.StackName, cancellationToken);
        }
        catch (Exception error) when (error is HttpRequestException or InvalidOperationException or Amazon.Runtime.AmazonClientException)
        {
            throw new ResourceStartException("aws",
                $"could not read the outputs of stack {options.StackName} in {aws.Region} ({error.Message}); deploy it or set MedImaging__Resources__*", error);
        }
        var names = ResourceNamesFromOutputs.Create(outputs);
        if (names.MissingSettings() is { Count: > 0 } missing)
        {
            throw new ResourceStartException("aws", $"stack {options.StackName} has no output for {string.Join(", ", missing)}");
        }
        return names;
    }
}
