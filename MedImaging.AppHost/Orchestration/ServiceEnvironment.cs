using MedImaging.Aws.Configuration;

namespace MedImaging.AppHost.Orchestration;

/// <summary>The environment variables a service process gets (the configuration contract in BRIEF.md).</summary>
public static class ServiceEnvironment
{
    /// <summary>Emulators check no signatures; letters and digits only, as DynamoDB Local requires.</summary>
    public const string EmulatorAccessKey = "medimaginglocal";

    public static Dictionary<string, string> For(
        string serviceName, int port, AwsOptions aws, ResourceNames resources, AppHostOptions options)
    {
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}",
            ["OTEL_SERVICE_NAME"] = serviceName,
            ["MedImaging__Aws__Region"] = aws.Region,
        };
        AddIfSet(environment, "MedImaging__Aws__ServiceUrl__DynamoDb", aws.ServiceUrl.DynamoDb);
        AddIfSet(environment, "MedImaging__Aws__ServiceUrl__S3", aws.ServiceUrl.S3);
        AddIfSet(environment, "MedImaging__Aws__ServiceUrl__Sqs", aws.ServiceUrl.Sqs);
        AddIfSet(environment, "MedImaging__Aws__ServiceUrl__Sns", aws.ServiceUrl.Sns);
        foreach (var (key, value) in resources.ToSettings())
        {
            environment[$"MedImaging__Resources__{key}"] = value;
        }
        if (aws.UsesEmulators)
        {
            environment["AWS_ACCESS_KEY_ID"] = EmulatorAccessKey;
            environment["AWS_SECRET_ACCESS_KEY"] = EmulatorAccessKey;
        }
        AddIfSet(environment, "OTEL_EXPORTER_OTLP_ENDPOINT", options.OtlpEndpoint);
        AddIfSet(environment, "OTEL_EXPORTER_OTLP_PROTOCOL", options.OtlpProtocol);
        foreach (var (key, value) in options.ServiceEnvironment)
        {
            environment[key] = value;
        }
        return environment;
    }

    private static void AddIfSet(Dictionary<string, string> environment, string key, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            environment[key] = value;
        }
    }
}
