using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace MedImaging.ServiceDefaults;

/// <summary>
/// The tracer and meter providers, built by hand because OpenTelemetry.Extensions.Hosting does not restore here.
/// A singleton owned by the container: created at host start by <see cref="TelemetryHostedService"/>, flushed and
/// disposed with the container.
/// </summary>
public sealed class TelemetryProviders : IDisposable
{
    // Built-in sources and meters of ASP.NET Core and HttpClient (no instrumentation packages needed on .NET 9+),
    // plus ours: the grain runtime's and the pipeline's by name, and "MedImaging.*" for the rest (MedImaging.Aws, the
    // client spans of our SQS/SNS clients).
    internal static readonly string[] ActivitySources =
        [MedImagingTelemetry.Name, MedImagingTelemetry.SiloName, MedImagingTelemetry.PipelineName, "MedImaging.*", "Microsoft.AspNetCore", "System.Net.Http"];

    internal static readonly string[] Meters =
    [
        MedImagingTelemetry.Name, MedImagingTelemetry.SiloName, MedImagingTelemetry.PipelineName, "MedImaging.*", "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel",
        "Microsoft.AspNetCore.Routing", "System.Net.Http", "System.Runtime",
    ];

    public TelemetryProviders(OtlpSettings settings)
    {
        var resource = ResourceBuilder.CreateDefault().AddService(settings.ServiceName);
        TracerProvider = Sdk.CreateTracerProviderBuilder()
            .SetResourceBuilder(resource)
            .AddSource(ActivitySources)
            .AddOtlpExporter(options => settings.Apply(options, "/v1/traces"))
            .Build();
        MeterProvider = Sdk.CreateMeterProviderBuilder()
            .SetResourceBuilder(resource)
            .AddMeter(Meters)
            .AddOtlpExporter((exporter, reader) =>
            {
                settings.Apply(exporter, "/v1/metrics");
                reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = (int)settings.MetricExportInterval.TotalMilliseconds;
            })
            .Build();
    }

    public TracerProvider TracerProvider { get; }

    public MeterProvider MeterProvider { get; }

    public void Dispose()
    {
        TracerProvider.Dispose();
        MeterProvider.Dispose();
    }
}
