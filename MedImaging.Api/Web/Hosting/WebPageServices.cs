namespace MedImaging.Api.Web.Hosting;

public static class WebPageServices
{
    /// <summary>The embedded page files, read and hashed once.</summary>
    public static IServiceCollection AddWebPage(this IServiceCollection services) =>
        services.AddSingleton(_ => WebAssets.Load());
}
