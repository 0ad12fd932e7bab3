using Microsoft.Extensions.Configuration;
using OpenTelemetry.Exporter;

namespace MedImaging.ServiceDefaults;

/// <summary>The OTLP settings Aspire-style hosts inject (OTEL_EXPORTER_OTLP_ENDPOINT, _PROTOCOL, OTEL_SERVICE_NAME).</summary>
public sealed record OtlpSettings(Uri Endpoint, OtlpExportProtocol Protocol, string ServiceName)
{
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
        return new OtlpSettings(uri, protocol, string.IsNullOrWhiteSpace(serviceName) ? defaultServiceName : serviceName);
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
