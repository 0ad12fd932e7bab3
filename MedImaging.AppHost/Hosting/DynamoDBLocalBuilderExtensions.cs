namespace MedImaging.AppHost.Hosting;

public static class DynamoDBLocalBuilderExtensions
{
    /// <summary>
    /// DynamoDB Local in memory, bound to 127.0.0.1 by our launcher (its own command line listens on every interface),
    /// healthy once it answers HTTP (it answers a bare GET with 400).
    /// </summary>
    public static IResourceBuilder<DynamoDBLocalResource> AddDynamoDBLocal(this IDistributedApplicationBuilder builder, string name)
    {
        var paths = RepositoryPaths.Of(builder);
        var home = paths.DynamoDbLocalDirectory;
        var resource = new DynamoDBLocalResource(name, home);
        return builder.AddResource(resource)
            .WithHttpEndpoint(name: DynamoDBLocalResource.EndpointName, isProxied: false, port: LoopbackPorts.Free())
            .WithArgs(context =>
            {
                context.Args.Add("-XX:+UseSerialGC");
                context.Args.Add("-Xmx512m");
                context.Args.Add("-Djava.library.path=./DynamoDBLocal_lib");
                context.Args.Add("-cp");
                context.Args.Add($"{paths.DynamoDbLoopbackClasses}:DynamoDBLocal.jar:DynamoDBLocal_lib/*");
                context.Args.Add("LoopbackDynamoDbLocal");
                context.Args.Add("-port");
                context.Args.Add(resource.Endpoint.Property(EndpointProperty.TargetPort));
                context.Args.Add("-inMemory");
                context.Args.Add("-sharedDb");
                context.Args.Add("-disableTelemetry");
            })
            .WithHttpHealthCheck("/", statusCode: 400, endpointName: DynamoDBLocalResource.EndpointName);
    }
}
