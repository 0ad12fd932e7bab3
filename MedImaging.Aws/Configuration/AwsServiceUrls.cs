namespace MedImaging.Aws.Configuration;

/// <summary>Per-service endpoint overrides (<c>MedImaging:Aws:ServiceUrl:*</c>); null means real AWS.</summary>
public sealed record AwsServiceUrls
{
    public string? DynamoDb { get; init; }
    public string? S3 { get; init; }
    public string? Sqs { get; init; }
    public string? Sns { get; init; }
}
