using Amazon;
using Amazon.DynamoDBv2;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.SQS;
using MedImaging.Aws.Signing;

namespace MedImaging.Aws.Configuration;

/// <summary>
/// AWS SDK clients configured the way the emulators need: ServiceURL plus AuthenticationRegion (never together
/// with RegionEndpoint), path-style S3 addressing, plain-HTTP presigned URLs.
/// </summary>
public static class AwsSdkClients
{
    public static AmazonS3Client CreateS3(AwsOptions options)
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
        return new AmazonS3Client(AwsCredentialSource.For(options, options.ServiceUrl.S3), config);
    }

    public static AmazonSQSClient CreateSqs(AwsOptions options)
    {
        var config = new AmazonSQSConfig();
        if (options.ServiceUrl.Sqs is { Length: > 0 } url)
        {
            config.ServiceURL = url;
            config.AuthenticationRegion = options.Region;
        }
        else
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(options.Region);
        }
        return new AmazonSQSClient(AwsCredentialSource.For(options, options.ServiceUrl.Sqs), config);
    }

    public static AmazonDynamoDBClient CreateDynamoDb(AwsOptions options)
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
        return new AmazonDynamoDBClient(AwsCredentialSource.For(options, options.ServiceUrl.DynamoDb), config);
    }
}
