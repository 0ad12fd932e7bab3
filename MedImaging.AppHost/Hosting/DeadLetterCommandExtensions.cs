using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MedImaging.AppHost.Hosting;

public static class DeadLetterCommandExtensions
{
    public const string CommandName = "redrive-dead-letters";

    /// <summary>
    /// A dashboard command on the Silo: moves every dead-lettered study message back to the study queue (the Silo's
    /// <c>POST /dead-letters/redrive</c>) and reports how many moved.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithDeadLetterRedriveCommand(this IResourceBuilder<ProjectResource> silo) =>
        silo.WithCommand(CommandName, "Redrive dead-lettered instances", async context =>
        {
            var endpoint = silo.GetEndpoint("http");
            using var http = new HttpClient { BaseAddress = new Uri(endpoint.Url), Timeout = TimeSpan.FromSeconds(60) };
            try
            {
                using var response = await http.PostAsync("/dead-letters/redrive", content: null, context.CancellationToken);
                var body = await response.Content.ReadAsStringAsync(context.CancellationToken);
                return response.IsSuccessStatusCode
                    ? CommandResults.Success(body)
                    : CommandResults.Failure($"{(int)response.StatusCode}: {body}");
            }
            catch (HttpRequestException error)
            {
                context.Services.GetRequiredService<ResourceLoggerService>().GetLogger(silo.Resource)
                    .LogWarning("Redrive failed: {Reason}", error.Message);
                return CommandResults.Failure(error.Message);
            }
        }, new CommandOptions
        {
            Description = "Moves every message of the study dead-letter queue back to the study queue.",
            IconName = "ArrowRedo",
            ConfirmationMessage = "Move every dead-lettered study message back to the study queue?",
            UpdateState = context => context.ResourceSnapshot.HealthStatus is Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Healthy
                or Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Degraded
                ? ResourceCommandState.Enabled
                : ResourceCommandState.Disabled,
        });
}
