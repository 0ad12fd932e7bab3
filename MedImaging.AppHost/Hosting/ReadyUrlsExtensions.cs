using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace MedImaging.AppHost.Hosting;

public static class ReadyUrlsExtensions
{
    /// <summary>
    /// Once the Api and every resource it runs with are healthy, prints where the Api and its web page are (after the
    /// dashboard's own line) and how long the start took.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithUrlsPrintedWhenReady(
        this IResourceBuilder<ProjectResource> api, IResourceBuilder<AwsCdkStackResource> aws, params IResourceBuilder<IResource>[] alsoWaitFor) =>
        api.OnResourceReady(async (resource, @event, cancellationToken) =>
        {
            var notifications = @event.Services.GetRequiredService<ResourceNotificationService>();
            foreach (var other in alsoWaitFor)
            {
                await notifications.WaitForResourceHealthyAsync(other.Resource.Name, cancellationToken);
            }
            var url = api.GetEndpoint("http").Url;
            Console.WriteLine($"Api:       {url}/api/studies");
            Console.WriteLine($"Web page:  {url}/");
            Console.WriteLine($"OpenAPI:   {url}/openapi/v1.json");
            if (aws.Resource.Emulators is { } emulators)
            {
                Console.WriteLine($"Emulators: DynamoDB Local {emulators.DynamoDbUrl}, fauxqs (S3, SQS, SNS) {emulators.FauxqsUrl}");
            }
            Console.WriteLine($"Every resource healthy {(DateTime.Now - Process.GetCurrentProcess().StartTime).TotalSeconds:0.0} s after the AppHost started. Ctrl+C stops everything.");
        });
}
