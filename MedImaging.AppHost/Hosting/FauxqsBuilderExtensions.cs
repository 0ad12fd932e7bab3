namespace MedImaging.AppHost.Hosting;

public static class FauxqsBuilderExtensions
{
    /// <summary>fauxqs on Node 22 (from npm), listening on 127.0.0.1 only; healthy once its /health answers.</summary>
    public static IResourceBuilder<FauxqsResource> AddFauxqs(this IDistributedApplicationBuilder builder, string name)
    {
        var paths = RepositoryPaths.Of(builder);
        var resource = new FauxqsResource(name, paths.NodeExecutable, paths.EmulatorsDirectory);
        return builder.AddResource(resource)
            .WithHttpEndpoint(name: FauxqsResource.EndpointName, isProxied: false, port: LoopbackPorts.Free())
            .WithArgs(context =>
            {
                context.Args.Add("--no-warnings");
                context.Args.Add(paths.FauxqsScript);
                context.Args.Add(resource.Endpoint.Property(EndpointProperty.TargetPort));
            })
            .WithHttpHealthCheck("/health", endpointName: FauxqsResource.EndpointName);
    }
}
