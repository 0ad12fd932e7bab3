using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace MedImaging.AppHost.Hosting;

/// <summary>
/// Reads a service's <c>/health</c> report (ServiceDefaults' plain text: status, then the reasons) into the
/// dashboard's health: Healthy, Degraded with the reasons (the pipeline's alarms), or Unhealthy.
/// </summary>
internal sealed class ServiceHealthCheck(Func<Uri> address, HttpClient http) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            using var response = await http.GetAsync(address(), cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            var lines = body.Split('\n', 2);
            var reasons = lines.Length > 1 ? lines[1] : null;
            return lines[0].Trim() switch
            {
                "Healthy" when response.IsSuccessStatusCode => HealthCheckResult.Healthy(),
                "Degraded" when response.IsSuccessStatusCode => HealthCheckResult.Degraded(reasons),
                _ => HealthCheckResult.Unhealthy(reasons ?? $"{(int)response.StatusCode} from {address()}"),
            };
        }
        catch (HttpRequestException error)
        {
            return HealthCheckResult.Unhealthy(error.Message);
        }
    }
}
