using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.S3.Model;
using MedImaging.Aws.Configuration;
using MedImaging.Aws.Dynamo;
using Amazon.SQS.Model;

namespace MedImaging.Tests.ServiceHosting;

/// <summary>
/// Creates a fresh, uniquely named set of the resources the Api and the Silo use. Orleans' tables are named after the
/// study table and created by the Orleans providers themselves (<see cref="OrleansEnvironment"/>).
/// </summary>
public static class TestResources
{
    public static async Task<ResourceNames> ProvisionAsync(LocalAws aws)
    {
        var suffix = Guid.NewGuid().ToString("N")[..10];
        var resources = new ResourceNames
        {
            IngestBucket = $"ingest-{suffix}",
            ProcessedBucket = $"processed-{suffix}",
            XrayBucket = $"xray-{suffix}",
            CtScanBucket = $"ctscan-{suffix}",
            GeneralBucket = $"general-{suffix}",
            QuarantineBucket = $"quarantine-{suffix}",
            StudyTable = $"studies-{suffix}",
            StudyDeadLetterQueueUrl = (await aws.Sqs.CreateQueueAsync($"dead-letters-{suffix}")).QueueUrl,
            IngestQueueUrl = (await aws.Sqs.CreateQueueAsync(new CreateQueueRequest
            {
                QueueName = $"ingest-events-{suffix}",
                Attributes = new() { ["VisibilityTimeout"] = "30" },
            })).QueueUrl,
            StudyEventsTopicArn = await aws.Sns.CreateTopicAsync($"study-events-{suffix}"),
        };
        foreach (var bucket in new[]
                 {
                     resources.IngestBucket, resources.ProcessedBucket, resources.XrayBucket, resources.CtScanBucket,
                     resources.GeneralBucket, resources.QuarantineBucket,
                 })
            await aws.S3.PutBucketAsync(new PutBucketRequest { BucketName = bucket });
        await CreateStudyTableAsync(aws.DynamoDb, resources.StudyTable);
        return resources;
    }

    private static async Task CreateStudyTableAsync(IAmazonDynamoDB dynamo, string name)
    {
        static AttributeDefinition Text(string attribute) => new(attribute, ScalarAttributeType.S);
        await dynamo.CreateTableAsync(new CreateTableRequest
        {
            TableName = name,
            BillingMode = BillingMode.PAY_PER_REQUEST,
            AttributeDefinitions =
            [
                Text(StudyTableSchema.PartitionKey), Text(StudyTableSchema.SortKey),
                Text(StudyTableSchema.StatusIndexPartitionKey), Text(StudyTableSchema.StatusIndexSortKey),
            ],
            KeySchema = [new(StudyTableSchema.PartitionKey, KeyType.HASH), new(StudyTableSchema.SortKey, KeyType.RANGE)],
            GlobalSecondaryIndexes =
            [
                new GlobalSecondaryIndex
                {
                    IndexName = StudyTableSchema.StatusIndexName,
                    KeySchema = [new(StudyTableSchema.StatusIndexPartitionKey, KeyType.HASH), new(StudyTableSchema.StatusIndexSortKey, KeyType.RANGE)],
                    Projection = new Projection { ProjectionType = ProjectionType.ALL },
                },
            ],
        });
    }

    /// <summary>
    /// What Aspire.Hosting.Orleans would give a silo or client of these resources: a cluster of its own (named after the
    /// study table), DynamoDB clustering and reminders on DynamoDB Local, and loopback endpoints.
    /// </summary>
    public static Dictionary<string, string> OrleansEnvironment(ResourceNames resources, string dynamoDbUrl, string region) => new()
    {
        ["Orleans__ClusterId"] = resources.StudyTable,
        ["Orleans__ServiceId"] = "medimaging-tests",
        ["Orleans__Clustering__ProviderType"] = "DynamoDB",
        ["Orleans__Clustering__ServiceUrl"] = dynamoDbUrl,
        ["Orleans__Clustering__Region"] = region,
        ["Orleans__Clustering__TableName"] = resources.StudyTable + "-orleans-silos",
        ["Orleans__Reminders__ProviderType"] = "DynamoDB",
        ["Orleans__Reminders__ServiceUrl"] = dynamoDbUrl,
        ["Orleans__Reminders__Region"] = region,
        ["Orleans__Reminders__TableName"] = resources.StudyTable + "-orleans-reminders",
        ["Orleans__Endpoints__AdvertisedIPAddress"] = "127.0.0.1",
    };
}
