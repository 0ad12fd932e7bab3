using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.S3.Model;
using MedImaging.Aws.Configuration;
using MedImaging.Aws.Dynamo;
using MedImaging.Aws.Sqs;

namespace MedImaging.Tests.ServiceHosting;

/// <summary>Creates a fresh, uniquely named set of the resources the Api and the Silo use.</summary>
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
            StudyDeadLetterQueueUrl = await aws.Sqs.CreateQueueAsync(new CreateQueueRequest($"study-dlq-{suffix}.fifo") { Fifo = true }),
            StudyQueueUrl = await aws.Sqs.CreateQueueAsync(new CreateQueueRequest($"study-{suffix}.fifo") { Fifo = true, VisibilityTimeoutSeconds = 30 }),
            StudyTimerQueueUrl = await aws.Sqs.CreateQueueAsync(new CreateQueueRequest($"study-timers-{suffix}") { VisibilityTimeoutSeconds = 30 }),
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
}
