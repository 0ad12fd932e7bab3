using Amazon.CDK;
using Amazon.CDK.AWS.DynamoDB;
using Amazon.CDK.AWS.S3;
using Amazon.CDK.AWS.SNS;
using Amazon.CDK.AWS.SQS;
using Constructs;
using MedImaging.Aws.Dynamo;
using DynamoAttribute = Amazon.CDK.AWS.DynamoDB.Attribute;

namespace MedImaging.Infrastructure;

/// <summary>
/// Every AWS resource of MedImaging: the buckets, the study table, the FIFO study queue with its dead-letter queue
/// and its timer queue, the study-events topic and the alarms an operator needs. The one definition used both for real AWS (cdk deploy) and, through its synthesized
/// template, to provision the local emulators.
/// </summary>
public sealed class MedImagingStack : Stack
{
    public MedImagingStack(Construct scope, string id, MedImagingStackProps props) : base(scope, id, props)
    {
        var prefix = props.ResourcePrefix;

        var ingest = PrivateBucket("IngestBucket", $"{prefix}-ingest", [
            new LifecycleRule
            {
                Id = "expire-raw-uploads",
                Prefix = "incoming/",
                Expiration = Duration.Days(props.IngestRetentionDays),
                AbortIncompleteMultipartUploadAfter = Duration.Days(1),
            },
        ], [
            // The web page PUTs large files (or their parts) straight to presigned URLs and reads each part's ETag to
            // complete the upload. The presigned URL is the capability; CORS only lets the page's origin see the answer.
            new CorsRule
            {
                Id = "direct-upload",
                AllowedOrigins = props.UploadOrigins,
                AllowedMethods = [HttpMethods.PUT],
                AllowedHeaders = ["*"],
                ExposedHeaders = ["ETag"],
                MaxAge = 3000,
            },
        ]);
        Output(StackOutputs.IngestBucket, ingest.BucketName);
        Output(StackOutputs.ProcessedBucket, PrivateBucket("ProcessedBucket", $"{prefix}-processed").BucketName);
        Output(StackOutputs.XrayBucket, PrivateBucket("XrayBucket", $"{prefix}-xray").BucketName);
        Output(StackOutputs.CtScanBucket, PrivateBucket("CtScanBucket", $"{prefix}-ctscan").BucketName);
        Output(StackOutputs.GeneralBucket, PrivateBucket("GeneralBucket", $"{prefix}-general").BucketName);
        Output(StackOutputs.QuarantineBucket, PrivateBucket("QuarantineBucket", $"{prefix}-quarantine").BucketName);

        Output(StackOutputs.StudyTable, StudyTable($"{prefix}-studies").TableName);

        var deadLetterQueue = new Queue(this, "StudyDeadLetterQueue", new QueueProps
        {
            QueueName = $"{prefix}-study-dlq.fifo",
            Fifo = true,
            RetentionPeriod = Duration.Days(14),
            Encryption = QueueEncryption.SQS_MANAGED,
        });
        var studyQueue = new Queue(this, "StudyQueue", new QueueProps
        {
            QueueName = $"{prefix}-study.fifo",
            Fifo = true,
            ContentBasedDeduplication = false,
            // The silo extends visibility while it works; this only bounds a crashed silo's hold on a study.
            VisibilityTimeout = Duration.Seconds(60),
            RetentionPeriod = Duration.Days(4),
            Encryption = QueueEncryption.SQS_MANAGED,
            DeadLetterQueue = new DeadLetterQueue { Queue = deadLetterQueue, MaxReceiveCount = props.MaxReceiveCount },
        });
        Output(StackOutputs.StudyQueueUrl, studyQueue.QueueUrl);
        Output(StackOutputs.StudyDeadLetterQueueUrl, deadLetterQueue.QueueUrl);

        // FIFO queues refuse per-message delays: delayed study messages wait here (standard queue, DelaySeconds)
        // until a silo forwards them, with their group and deduplication ids, into the study queue.
        var timerQueue = new Queue(this, "StudyTimerQueue", new QueueProps
        {
            QueueName = $"{prefix}-study-timers",
            VisibilityTimeout = Duration.Seconds(30),
            RetentionPeriod = Duration.Days(4),
            Encryption = QueueEncryption.SQS_MANAGED,
        });
        Output(StackOutputs.StudyTimerQueueUrl, timerQueue.QueueUrl);
        _ = new PipelineAlarms(this, "Alarms", prefix, studyQueue, deadLetterQueue);

        var orleans = new OrleansTables(this, "Orleans", prefix);
        Output(StackOutputs.OrleansMembershipTable, orleans.Membership.TableName);
        Output(StackOutputs.OrleansGrainStateTable, orleans.GrainState.TableName);
        Output(StackOutputs.OrleansReminderTable, orleans.Reminders.TableName);

        var topic = new Topic(this, "StudyEventsTopic", new TopicProps { TopicName = $"{prefix}-study-events" });
        Output(StackOutputs.StudyEventsTopicArn, topic.TopicArn);
    }

    private Bucket PrivateBucket(string id, string name, ILifecycleRule[]? lifecycleRules = null, ICorsRule[]? cors = null) => new(this, id, new BucketProps
    {
        // Bucket names are global: the account and region keep them unique.
        BucketName = $"{name}-{Amazon.CDK.Aws.ACCOUNT_ID}-{Amazon.CDK.Aws.REGION}",
        Encryption = BucketEncryption.S3_MANAGED,
        BlockPublicAccess = BlockPublicAccess.BLOCK_ALL,
        EnforceSSL = true,
        LifecycleRules = lifecycleRules,
        Cors = cors,
        RemovalPolicy = RemovalPolicy.RETAIN,
    });

    private Table StudyTable(string name)
    {
        var table = new Table(this, "StudyTable", new TableProps
        {
            TableName = name,
            PartitionKey = new DynamoAttribute { Name = StudyTableSchema.PartitionKey, Type = AttributeType.STRING },
            SortKey = new DynamoAttribute { Name = StudyTableSchema.SortKey, Type = AttributeType.STRING },
            BillingMode = BillingMode.PAY_PER_REQUEST,
            PointInTimeRecovery = true,
            TimeToLiveAttribute = StudyTableSchema.TimeToLiveAttribute,
            RemovalPolicy = RemovalPolicy.RETAIN,
        });
        table.AddGlobalSecondaryIndex(new GlobalSecondaryIndexProps
        {
            IndexName = StudyTableSchema.StatusIndexName,
            PartitionKey = new DynamoAttribute { Name = StudyTableSchema.StatusIndexPartitionKey, Type = AttributeType.STRING },
            SortKey = new DynamoAttribute { Name = StudyTableSchema.StatusIndexSortKey, Type = AttributeType.STRING },
            ProjectionType = ProjectionType.ALL,
        });
        return table;
    }

    // The output's key in the template is exactly the settings key; its construct id must differ from the resource's.
    private void Output(string name, string value) =>
        new CfnOutput(this, name + "Output", new CfnOutputProps { Value = value }).OverrideLogicalId(name);
}
