using MedImaging.Tests.TestHosting;
using Amazon.DynamoDBv2;
using Amazon.S3;
using MedImaging.Aws.Configuration;
using MedImaging.Aws.Provisioning;
using MedImaging.Aws.Sns;
using Amazon.SQS;
using Amazon.SQS.Model;
using MedImaging.Tests.AppHost.Emulators;

namespace MedImaging.Tests.Aws.Provisioning;

[Collection(AwsEmulatorCollection.Name)]
public sealed class TemplateProvisionerTests(AwsEmulatorFixture fixture) : IDisposable
{
    private readonly AmazonS3Client s3 = AwsSdkClients.CreateS3(fixture.AwsOptions);
    private readonly AmazonDynamoDBClient dynamoDb = AwsSdkClients.CreateDynamoDb(fixture.AwsOptions);
    private readonly IAmazonSQS sqs = MedImaging.Aws.Configuration.AwsSdkClients.CreateSqs(fixture.AwsOptions);
    private readonly SnsClient sns = SnsClient.Create(fixture.AwsOptions);

    public void Dispose()
    {
        s3.Dispose();
        dynamoDb.Dispose();
        sqs.Dispose();
        sns.Dispose();
    }

    [Fact]
    public async Task Provisions_the_synthesized_stack_and_a_second_run_changes_nothing()
    {
        var prefix = "p" + Guid.NewGuid().ToString("N")[..10];
        var template = CloudFormationTemplate.Parse(await SynthesizedTemplate.WithPrefixAsync(prefix));
        var provisioner = TemplateProvisioner.Create(s3, dynamoDb, sqs, sns, new ProvisioningEnvironment(fixture.AwsOptions.Region));

        var first = await provisioner.ProvisionAsync(template);

        // 6 buckets, 4 tables (studies, Orleans' three), 2 queues, 1 topic; the bucket and queue policies, the ingest
        // bucket's notification (fauxqs sends none) and the alarms are not emulated.
        Assert.Equal(13, first.Resources.Count(r => r.Outcome == ProvisioningOutcome.Created));
        Assert.All(first.Resources.Where(r => r.Type is "AWS::S3::BucketPolicy" or "AWS::SQS::QueuePolicy" or "AWS::CloudWatch::Alarm"), r => Assert.Equal(ProvisioningOutcome.Skipped, r.Outcome));
        var names = first.ToResourceNames();
        Assert.Empty(names.MissingSettings());
        Assert.Equal($"{prefix}-ingest-000000000000-{fixture.AwsOptions.Region}", names.IngestBucket);
        Assert.Equal($"{prefix}-studies", names.StudyTable);

        await AssertResourcesExistAsync(names);

        var second = await provisioner.ProvisionAsync(template);

        Assert.False(second.ChangedAnything);
        Assert.All(second.Resources.Where(r => r.Outcome != ProvisioningOutcome.Skipped), r => Assert.Equal(ProvisioningOutcome.Existing, r.Outcome));
        Assert.Equal(first.Outputs, second.Outputs);
    }

    private async Task AssertResourcesExistAsync(ResourceNames names)
    {
        var buckets = (await s3.ListBucketsAsync()).Buckets.Select(b => b.BucketName).ToHashSet();
        Assert.Contains(names.IngestBucket, buckets);
        Assert.Contains(names.ProcessedBucket, buckets);
        Assert.Contains(names.XrayBucket, buckets);
        Assert.Contains(names.CtScanBucket, buckets);
        Assert.Contains(names.GeneralBucket, buckets);
        Assert.Contains(names.QuarantineBucket, buckets);
        var lifecycle = await s3.GetLifecycleConfigurationAsync(names.IngestBucket);
        var rule = Assert.Single(lifecycle.Configuration.Rules);
        Assert.Equal(30, rule.Expiration.Days);
        var cors = Assert.Single((await s3.GetCORSConfigurationAsync(names.IngestBucket)).Configuration.Rules);
        Assert.Equal(["*"], cors.AllowedOrigins);
        Assert.Equal(["PUT"], cors.AllowedMethods);
        Assert.Equal(["ETag"], cors.ExposeHeaders);

        var table = (await dynamoDb.DescribeTableAsync(names.StudyTable)).Table;
        Assert.Equal(["PK", "SK"], table.KeySchema.Select(k => k.AttributeName));
        var index = Assert.Single(table.GlobalSecondaryIndexes);
        Assert.Equal("GSI1", index.IndexName);
        var ttl = (await dynamoDb.DescribeTimeToLiveAsync(new Amazon.DynamoDBv2.Model.DescribeTimeToLiveRequest { TableName = names.StudyTable }))
            .TimeToLiveDescription;
        Assert.Equal("expiresAt", ttl.AttributeName);

        // The ingest-events queue (standard: S3 notifications cannot go to FIFO queues) dead-letters after 5 receives.
        var queue = await sqs.AttributesAsync(names.IngestQueueUrl);
        var deadLetterArn = (await sqs.AttributesAsync(names.StudyDeadLetterQueueUrl))["QueueArn"];
        Assert.NotEqual("true", queue.GetValueOrDefault("FifoQueue"));
        Assert.Equal("60", queue["VisibilityTimeout"]);
        using var redrive = System.Text.Json.JsonDocument.Parse(queue["RedrivePolicy"]);
        Assert.Equal(deadLetterArn, redrive.RootElement.GetProperty("deadLetterTargetArn").GetString());
        Assert.Equal("5", redrive.RootElement.GetProperty("maxReceiveCount").ToString());

        Assert.Equal(names.StudyEventsTopicArn, (await sns.GetTopicAttributesAsync(names.StudyEventsTopicArn))["TopicArn"]);
    }
}
