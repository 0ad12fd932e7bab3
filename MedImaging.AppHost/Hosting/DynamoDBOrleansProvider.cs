using Aspire.Hosting.Orleans;

namespace MedImaging.AppHost.Hosting;

/// <summary>
/// An Orleans provider (clustering, reminders, grain storage) on one of the CDK stack's DynamoDB tables, for
/// Aspire.Hosting.Orleans: <c>ProviderType=DynamoDB</c> (MedImaging.Orleans.DynamoDB's providers, named as Microsoft's),
/// the table from the stack's output, and DynamoDB Local's endpoint in the local profile or the stack's region on AWS.
/// </summary>
public sealed class DynamoDBOrleansProvider(IResourceBuilder<AwsCdkStackResource> stack, string tableOutput) : IProviderConfiguration
{
    public const string ProviderType = "DynamoDB";

    // Aspire.Hosting.Orleans names the section relative to "Orleans" (e.g. "Clustering", "GrainStorage:Default").
    private static string Prefix(string section) => "Orleans__" + section.Replace(":", "__", StringComparison.Ordinal);

    public void ConfigureResource<T>(IResourceBuilder<T> resourceBuilder, string configSectionName) where T : IResourceWithEnvironment
    {
        var resource = stack.Resource;
        resourceBuilder.WithEnvironment(context =>
        {
            context.EnvironmentVariables[$"{Prefix(configSectionName)}__ProviderType"] = ProviderType;
            // The stack creates the tables: a provider never creates one of its own.
            context.EnvironmentVariables[$"{Prefix(configSectionName)}__CreateIfNotExists"] = "false";
            if (resource.Outputs.TryGetValue(tableOutput, out var table))
                context.EnvironmentVariables[$"{Prefix(configSectionName)}__TableName"] = table;
            if (resource.Emulators is { } emulators)
                context.EnvironmentVariables[$"{Prefix(configSectionName)}__ServiceUrl"] = emulators.DynamoDbUrl;
            context.EnvironmentVariables[$"{Prefix(configSectionName)}__Region"] = resource.Region;
        });
    }
}
