namespace MedImaging.Aws.Configuration;

/// <summary>Resolves the endpoint of a service: the configured emulator URL, else the public regional endpoint.</summary>
public static class AwsEndpoints
{
    public static Uri Sqs(AwsOptions options) => Resolve(options.ServiceUrl.Sqs, "sqs", options.Region);

    public static Uri Sns(AwsOptions options) => Resolve(options.ServiceUrl.Sns, "sns", options.Region);

    public static Uri DynamoDb(AwsOptions options) => Resolve(options.ServiceUrl.DynamoDb, "dynamodb", options.Region);

    private static Uri Resolve(string? serviceUrl, string service, string region) =>
        serviceUrl is { Length: > 0 }
            ? new Uri(serviceUrl.EndsWith('/') ? serviceUrl : serviceUrl + "/")
            : new Uri($"https://{service}.{region}.amazonaws.com/");
}
