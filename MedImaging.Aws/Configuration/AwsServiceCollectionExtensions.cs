using Amazon.DynamoDBv2;
using Amazon.S3;
using Amazon.SQS;
using MedImaging.Aws.Sns;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace MedImaging.Aws.Configuration;

public static class AwsServiceCollectionExtensions
{
    /// <summary>
    /// Binds <see cref="AwsOptions"/> and <see cref="ResourceNames"/> from the BRIEF's configuration keys and registers
    /// our SNS client and the AWS SDK's S3, SQS and DynamoDB clients, each pointed at its emulator when configured.
    /// </summary>
    public static IServiceCollection AddMedImagingAws(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<AwsOptions>(configuration.GetSection(AwsOptions.SectionName));
        services.Configure<ResourceNames>(configuration.GetSection(ResourceNames.SectionName));
        services.TryAddSingleton(sp => sp.GetRequiredService<IOptions<AwsOptions>>().Value);
        services.TryAddSingleton(sp => sp.GetRequiredService<IOptions<ResourceNames>>().Value);
        services.TryAddSingleton(sp => SnsClient.Create(sp.GetRequiredService<AwsOptions>()));
        services.TryAddSingleton<IAmazonS3>(sp => AwsTelemetry.CountRequests(AwsSdkClients.CreateS3(sp.GetRequiredService<AwsOptions>()), "S3"));
        services.TryAddSingleton<IAmazonSQS>(sp => AwsTelemetry.CountRequests(AwsSdkClients.CreateSqs(sp.GetRequiredService<AwsOptions>()), "SQS"));
        services.TryAddSingleton<IAmazonDynamoDB>(sp => AwsTelemetry.CountRequests(AwsSdkClients.CreateDynamoDb(sp.GetRequiredService<AwsOptions>()), "DynamoDB"));
        return services;
    }
}
