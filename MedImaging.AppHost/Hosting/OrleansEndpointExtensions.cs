namespace MedImaging.AppHost.Hosting;

public static class OrleansEndpointExtensions
{
    /// <summary>
    /// On the local stack a silo advertises (and so listens on, see the Silo's endpoint options) 127.0.0.1: nothing
    /// listens beyond loopback, and silos and clients on this machine reach each other there.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithLoopbackOrleansEndpoints(this IResourceBuilder<ProjectResource> silo, bool local) =>
        local ? silo.WithEnvironment("Orleans__Endpoints__AdvertisedIPAddress", "127.0.0.1") : silo;
}
