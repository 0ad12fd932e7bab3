namespace MedImaging.Aws.Configuration;

/// <summary>
/// Where the AWS services are: bound from <c>MedImaging:Aws</c> (env <c>MedImaging__Aws__*</c>).
/// A service whose URL is absent is reached on real AWS with the default credential chain.
/// </summary>
public sealed record AwsOptions
{
    public const string SectionName = "MedImaging:Aws";
    public const string DefaultRegion = "us-east-1";

    public string Region { get; init; } = DefaultRegion;

    public AwsServiceUrls ServiceUrl { get; init; } = new();

    /// <summary>True when at least one service points at an emulator rather than real AWS.</summary>
    public bool UsesEmulators =>
        ServiceUrl.DynamoDb is not null || ServiceUrl.S3 is not null || ServiceUrl.Sqs is not null || ServiceUrl.Sns is not null;
}
