using Amazon;
using Amazon.DynamoDBv2;
using Amazon.Runtime;
using Amazon.S3;
using MedImaging.Aws.Signing;

namespace MedImaging.Aws.Configuration;

/// <summary>
/// The one place AWS SDK clients are made, from <see cref="AwsOptions"/>: against an emulator ServiceURL plus
/// AuthenticationRegion (never together with RegionEndpoint) and path-style S3 addressing; on real AWS the region's
/// endpoint and the default credential chain.
/// </summary>
public static class AwsSdkClients
{
    /// <param name="transport">Below the SDK (tests count, hold or fail requests there); the SDK's own when null.</param>
    public static AmazonS3Client CreateS3(AwsOptions options, HttpMessageHandler? transport = null)
    {
        var config = new AmazonS3Config
        {
            // The SDK's default CRC32 of every upload and download ran in managed code and was a visible share of the
            // Silo's CPU. The Api hashes every upload (SHA-256) and the pipeline checks the upload it reads against that
            // hash; signed payloads (SigV4) or TLS cover the transport of the rest.
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
        };
        if (options.ServiceUrl.S3 is { Length: > 0 } url)
        {
            config.ServiceURL = url;
            config.AuthenticationRegion = options.Region;
            config.ForcePathStyle = true;
            if (url.StartsWith("http://", StringComparison.OrdinalIgnoreCase))
            {
                config.UseHttp = true;
            }
        }
        else
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(options.Region);
        }
        if (transport is not null) config.HttpClientFactory = new TransportHttpClientFactory(transport);
        return new AmazonS3Client(AwsCredentialSource.For(options, options.ServiceUrl.S3), config);
    }

    /// <param name="transport">Below the SDK (tests count, hold or fail requests there); the SDK's own when null.</param>
    public static AmazonDynamoDBClient CreateDynamoDb(AwsOptions options, HttpMessageHandler? transport = null)
    {
        var config = new AmazonDynamoDBConfig();
        if (options.ServiceUrl.DynamoDb is { Length: > 0 } url)
        {
            config.ServiceURL = url;
            config.AuthenticationRegion = options.Region;
        }
        else
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(options.Region);
        }
        if (transport is not null) config.HttpClientFactory = new TransportHttpClientFactory(transport);
        return new AmazonDynamoDBClient(AwsCredentialSource.For(options, options.ServiceUrl.DynamoDb), config);
    }

    // The SDK caches the HttpClient it gets per config; the transport stays the caller's to dispose.
    private sealed class TransportHttpClientFactory(HttpMessageHandler transport) : HttpClientFactory
    {
        public override HttpClient CreateHttpClient(IClientConfig clientConfig) => new(transport, disposeHandler: false);
    }
}
