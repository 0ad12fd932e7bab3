using Amazon.DynamoDBv2;
using Amazon.Runtime;
using Amazon.S3;

namespace MedImaging.AppHost.Provisioning;

/// <summary>
/// The AWS SDK's first call in a process pays for its pipeline's start-up (endpoint rules, marshallers, JIT): seconds
/// on a busy machine. Running one doomed call against a closed local port while the emulators boot takes that off the
/// start-up's critical path.
/// </summary>
public static class SdkWarmUp
{
    private const string ClosedPort = "http://127.0.0.1:9"; // discard port: nothing listens there

    public static async Task RunAsync()
    {
        var credentials = new BasicAWSCredentials("warmup", "warmup");
        using var s3 = new AmazonS3Client(credentials, new AmazonS3Config
        {
            ServiceURL = ClosedPort, AuthenticationRegion = "us-east-1", ForcePathStyle = true, MaxErrorRetry = 0,
        });
        using var dynamoDb = new AmazonDynamoDBClient(credentials, new AmazonDynamoDBConfig
        {
            ServiceURL = ClosedPort, AuthenticationRegion = "us-east-1", MaxErrorRetry = 0,
        });
        await Task.WhenAll(Swallow(s3.ListBucketsAsync()), Swallow(dynamoDb.ListTablesAsync()));
    }

    private static async Task Swallow(Task call)
    {
        try
        {
            await call;
        }
        catch (Exception)
        {
            // expected: connection refused
        }
    }
}
