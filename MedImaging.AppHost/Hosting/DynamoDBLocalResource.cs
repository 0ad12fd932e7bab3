namespace MedImaging.AppHost.Hosting;

/// <summary>DynamoDB Local (Java, in memory) on a loopback port: the study table and the Orleans tables locally.</summary>
public sealed class DynamoDBLocalResource(string name, string workingDirectory)
    : ExecutableResource(name, "java", workingDirectory), IResourceWithEndpoints
{
    public const string EndpointName = "http";

    public EndpointReference Endpoint => new(this, EndpointName);
}
