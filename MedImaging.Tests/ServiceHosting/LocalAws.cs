using Amazon.DynamoDBv2;
using Amazon.S3;
using MedImaging.Tests.AppHost.Emulators;
using MedImaging.Aws.Configuration;
using MedImaging.Aws.Dynamo;
using MedImaging.Aws.Sns;
using Amazon.SQS;

namespace MedImaging.Tests.ServiceHosting;

/// <summary>
/// Clients for the emulators of <see cref="AwsEmulatorFixture"/> (started once per test collection); each test class
/// provisions its own isolated set of resources (<see cref="ProvisionAsync"/>), so classes never see each other's data.
/// </summary>
public sealed class LocalAws : IDisposable
{
    public LocalAws(AwsEmulatorFixture emulators)
    {
        Options = emulators.AwsOptions;
        S3 = AwsSdkClients.CreateS3(Options);
        DynamoDb = AwsSdkClients.CreateDynamoDb(Options);
        Sqs = AwsSdkClients.CreateSqs(Options);
        Sns = SnsClient.Create(Options);
    }

    public AwsOptions Options { get; }

    public IAmazonS3 S3 { get; }

    public IAmazonDynamoDB DynamoDb { get; }

    public IAmazonSQS Sqs { get; }

    public SnsClient Sns { get; }

    public Task<ResourceNames> ProvisionAsync() => TestResources.ProvisionAsync(this);

    public StudyTable StudyTable(ResourceNames resources) => new(DynamoDb, resources.StudyTable);

    /// <summary>The variables the AppHost would inject into the Api and the Silo (Orleans' included).</summary>
    public Dictionary<string, string> ServiceEnvironment(ResourceNames resources)
    {
        var environment = new Dictionary<string, string>
        {
            ["AWS_ACCESS_KEY_ID"] = "test",
            ["AWS_SECRET_ACCESS_KEY"] = "test",
            ["MedImaging__Aws__Region"] = Options.Region,
            ["MedImaging__Aws__ServiceUrl__DynamoDb"] = Options.ServiceUrl.DynamoDb!,
            ["MedImaging__Aws__ServiceUrl__S3"] = Options.ServiceUrl.S3!,
            ["MedImaging__Aws__ServiceUrl__Sqs"] = Options.ServiceUrl.Sqs!,
            ["MedImaging__Aws__ServiceUrl__Sns"] = Options.ServiceUrl.Sns!,
        };
        foreach (var (key, value) in resources.ToSettings())
            environment[$"AWS__Resources__{key}"] = value;
        foreach (var (key, value) in TestResources.OrleansEnvironment(resources, Options.ServiceUrl.DynamoDb!, Options.Region))
            environment[key] = value;
        return environment;
    }

    public void Dispose()
    {
        S3.Dispose();
        DynamoDb.Dispose();
        Sqs.Dispose();
        Sns.Dispose();
    }
}
