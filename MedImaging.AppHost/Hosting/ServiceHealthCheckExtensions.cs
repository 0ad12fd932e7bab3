using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace MedImaging.AppHost.Hosting;

public static class ServiceHealthCheckExtensions
{
    /// <summary>
    /// Like <c>WithHttpHealthCheck("/health")</c>, but a service that reports itself degraded (for the Silo: one of the
    /// pipeline's alarms) shows as degraded in the dashboard, with the reason, instead of healthy.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithServiceHealthCheck(this IResourceBuilder<ProjectResource> project)
    {
        var endpoint = project.GetEndpoint("http");
        var key = $"{project.Resource.Name}_service_health";
        var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        project.ApplicationBuilder.Services.AddHealthChecks()
            .Add(new HealthCheckRegistration(key, _ => new ServiceHealthCheck(() => new Uri($"{endpoint.Url}/health"), http), failureStatus: null, tags: null));
        return project.WithHealthCheck(key);
    }
}
