using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Logs;
using OpenTelemetry.Resources;

namespace MedImaging.ServiceDefaults;

/// <summary>What every MedImaging service shares, in the shape of Aspire's ServiceDefaults.</summary>
public static class ServiceDefaultsExtensions
{
    public const string HealthPath = "/health";
    public const string AlivePath = "/alive";

    /// <summary>Tag of the checks that say the process itself is alive (the rest check dependencies).</summary>
    public const string LiveTag = "live";

    /// <summary>JSON console logs, OpenTelemetry over OTLP when OTEL_EXPORTER_OTLP_ENDPOINT is set, and health checks.</summary>
    public static TBuilder AddServiceDefaults<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Logging.AddJsonConsole(options =>
        {
            options.IncludeScopes = true;
            options.UseUtcTimestamp = true;
            options.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ ";
        });
        builder.Logging.Configure(options => options.ActivityTrackingOptions =
            ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId);

        builder.ConfigureOpenTelemetry();
        builder.Services.AddHealthChecks().AddCheck("self", () => HealthCheckResult.Healthy(), [LiveTag]);
        if (ParentWatch.IsRequested) builder.Services.AddHostedService<ParentWatch>();
        return builder;
    }

    public static TBuilder ConfigureOpenTelemetry<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        var settings = OtlpSettings.From(builder.Configuration, builder.Environment.ApplicationName);
        if (settings is null)
        {
            return builder;
        }
        builder.Services.AddSingleton(settings);
        builder.Services.AddSingleton(sp => new TelemetryProviders(sp.GetRequiredService<OtlpSettings>()));
        builder.Services.AddHostedService<TelemetryHostedService>();
        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true;
            logging.SetResourceBuilder(ResourceBuilder.CreateDefault().AddService(settings.ServiceName));
            logging.AddOtlpExporter(options => settings.Apply(options, "/v1/logs"));
        });
        return builder;
    }

    /// <summary><c>/health</c>: every registered check (dependencies included); <c>/alive</c>: only the liveness checks.</summary>
    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        app.MapHealthChecks(HealthPath);
        app.MapHealthChecks(AlivePath, new HealthCheckOptions { Predicate = check => check.Tags.Contains(LiveTag) });
        return app;
    }
}
