using MedImaging.Aws.Configuration;
using MedImaging.Aws.Provisioning;
using MedImaging.Aws.Sns;

namespace MedImaging.AppHost.Hosting;

/// <summary>Creates the template's resources in the emulators through the service APIs (idempotent: a rerun changes nothing).</summary>
internal static class LocalStackProvisioner
{
    public static async Task<ProvisioningResult> ProvisionAsync(string templateJson, AwsOptions aws, CancellationToken cancellationToken)
    {
        using var s3 = AwsSdkClients.CreateS3(aws);
        using var dynamoDb = AwsSdkClients.CreateDynamoDb(aws);
        using var sqs = AwsSdkClients.CreateSqs(aws);
        using var sns = SnsClient.Create(aws);
        var provisioner = TemplateProvisioner.Create(s3, dynamoDb, sqs, sns, new ProvisioningEnvironment(aws.Region));
        return await provisioner.ProvisionAsync(CloudFormationTemplate.Parse(templateJson), cancellationToken);
    }

    public static AwsOptions ClientOptions(AwsEmulatorEndpoints emulators, string region) => new()
    {
        Region = region,
        ServiceUrl = new AwsServiceUrls
        {
            DynamoDb = emulators.DynamoDbUrl,
            S3 = emulators.FauxqsUrl,
            Sqs = emulators.FauxqsUrl,
            Sns = emulators.FauxqsUrl,
        },
    };
}
