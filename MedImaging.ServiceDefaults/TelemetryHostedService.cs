using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace MedImaging.ServiceDefaults;

/// <summary>Creates the telemetry providers when the host starts, so spans are recorded from the first request.</summary>
internal sealed class TelemetryHostedService(IServiceProvider services) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        services.GetRequiredService<TelemetryProviders>();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        var providers = services.GetRequiredService<TelemetryProviders>();
        providers.TracerProvider.ForceFlush(2_000);
        providers.MeterProvider.ForceFlush(2_000);
        return Task.CompletedTask;
    }
}
