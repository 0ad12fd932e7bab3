namespace MedImaging.AppHost.Hosting;

/// <summary>The local emulators that stand in for AWS: DynamoDB Local, and fauxqs for S3, SQS and SNS.</summary>
public sealed record AwsEmulatorEndpoints(DynamoDBLocalResource DynamoDb, FauxqsResource Fauxqs)
{
    /// <summary>Emulators check no signatures; letters and digits only, as DynamoDB Local requires. Not a secret.</summary>
    public const string PlaceholderCredential = "medimaginglocal";

    public string DynamoDbUrl => Url(DynamoDb.Endpoint);

    public string FauxqsUrl => Url(Fauxqs.Endpoint);

    private static string Url(EndpointReference endpoint) => $"http://127.0.0.1:{endpoint.TargetPort}";
}
