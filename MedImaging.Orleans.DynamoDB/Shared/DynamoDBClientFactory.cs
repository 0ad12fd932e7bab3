using Amazon;
using Amazon.DynamoDBv2;
using Amazon.Runtime;

namespace MedImaging.Orleans.DynamoDB.Shared;

internal static class DynamoDBClientFactory
{
    // Emulators check no signature but the SDK still signs; these only have to be present.
    private static readonly BasicAWSCredentials PlaceholderCredentials = new("local", "local");

    public static IAmazonDynamoDB Create(DynamoDBOrleansOptions options)
    {
        var config = new AmazonDynamoDBConfig();
        if (!string.IsNullOrWhiteSpace(options.ServiceUrl))
        {
            // Never RegionEndpoint together with ServiceURL: the region only signs.
            config.ServiceURL = options.ServiceUrl;
            config.AuthenticationRegion = string.IsNullOrWhiteSpace(options.Region) ? "us-east-1" : options.Region;
        }
        else if (!string.IsNullOrWhiteSpace(options.Region))
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(options.Region);
        }

        if (!string.IsNullOrEmpty(options.AccessKey) && !string.IsNullOrEmpty(options.SecretKey))
            return new AmazonDynamoDBClient(new BasicAWSCredentials(options.AccessKey, options.SecretKey), config);
        if (!string.IsNullOrWhiteSpace(options.ServiceUrl))
            return new AmazonDynamoDBClient(PlaceholderCredentials, config);
        return new AmazonDynamoDBClient(config);
    }
}
