using Microsoft.Extensions.Configuration;
using OpenTelemetry.Exporter;

namespace MedImaging.ServiceDefaults;

/// <summary>
/// The OTLP settings Aspire-style hosts inject (OTEL_EXPORTER_OTLP_ENDPOINT, _PROTOCOL, OTEL_SERVICE_NAME), and
/// OTEL_METRIC_EXPORT_INTERVAL (milliseconds; default 10 s).
/// </summary>
public sealed record OtlpSettings(Uri Endpoint, OtlpExportProtocol Protocol, string ServiceName)
{
    public static readonly TimeSpan DefaultMetricExportInterval = TimeSpan.FromSeconds(10);

    public TimeSpan MetricExportInterval { get; init; } = DefaultMetricExportInterval;

    /// <summary>Null when no endpoint is configured: then nothing is exported.</summary>
    public static OtlpSettings? From(IConfiguration configuration, string defaultServiceName)
    {
        var endpoint = configuration["OTEL_EXPORTER_OTLP_ENDPOINT"];
        if (string.IsNullOrWhiteSpace(endpoint) || !Uri.TryCreate(endpoint, UriKind.Absolute, out var uri))
        {
            return null;
        }
        var protocol = configuration["OTEL_EXPORTER_OTLP_PROTOCOL"]?.Trim().ToLowerInvariant() switch
        {
            "http/protobuf" => OtlpExportProtocol.HttpProtobuf,
            _ => OtlpExportProtocol.Grpc,
        };
        var serviceName = configuration["OTEL_SERVICE_NAME"];
        var interval = int.TryParse(configuration["OTEL_METRIC_EXPORT_INTERVAL"], System.Globalization.NumberStyles.Integer,
            System.Globalization.CultureInfo.InvariantCulture, out var milliseconds) && milliseconds > 0
            ? TimeSpan.FromMilliseconds(milliseconds)
            : DefaultMetricExportInterval;
        return new OtlpSettings(uri, protocol, string.IsNullOrWhiteSpace(serviceName) ? defaultServiceName : serviceName)
        {
            MetricExportInterval = interval,
        };
    }

    /// <summary>Points an exporter at this endpoint; over HTTP each signal has its own path, which is not added when set in code.</summary>
    public void Apply(OtlpExporterOptions options, string httpSignalPath)
    {
        options.Protocol = Protocol;
        options.Endpoint = Protocol == OtlpExportProtocol.HttpProtobuf
            ? new Uri(Endpoint.ToString().TrimEnd('/') + httpSignalPath)
            : Endpoint;
    }
}
