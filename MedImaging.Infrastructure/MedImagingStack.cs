using Amazon.CDK;
using Amazon.CDK.AWS.DynamoDB;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.S3;
using Amazon.CDK.AWS.SNS;
using Amazon.CDK.AWS.SQS;
using Constructs;
using MedImaging.Aws.Dynamo;
using DynamoAttribute = Amazon.CDK.AWS.DynamoDB.Attribute;

namespace MedImaging.Infrastructure;

/// <summary>
/// Every AWS resource of MedImaging: the buckets, the study table, the ingest-events queue (the ingest bucket's
/// ObjectCreated notifications) with the dead-letter queue, Orleans' tables, the study-events topic and the alarms an
/// operator needs. The one definition used both for real AWS (cdk deploy) and, through its synthesized
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
            QueueName = $"{prefix}-dead-letters",
            RetentionPeriod = Duration.Days(14),
            Encryption = QueueEncryption.SQS_MANAGED,
        });
        var ingestQueue = new Queue(this, "IngestQueue", new QueueProps
        {
            QueueName = $"{prefix}-ingest-events",
            // A silo hands each event to its study grain within seconds; this bounds a crashed silo's hold on one.
            VisibilityTimeout = Duration.Seconds(60),
            RetentionPeriod = Duration.Days(4),
            Encryption = QueueEncryption.SQS_MANAGED,
            DeadLetterQueue = new DeadLetterQueue { Queue = deadLetterQueue, MaxReceiveCount = props.MaxReceiveCount },
        });
        NotifyOnObjectCreated(ingest, $"{prefix}-ingest", ingestQueue);
        Output(StackOutputs.IngestQueueUrl, ingestQueue.QueueUrl);
        Output(StackOutputs.StudyDeadLetterQueueUrl, deadLetterQueue.QueueUrl);
        _ = new PipelineAlarms(this, "Alarms", prefix, ingestQueue, deadLetterQueue);

        var orleans = new OrleansTables(this, "Orleans", prefix);
        Output(StackOutputs.OrleansMembershipTable, orleans.Membership.TableName);
        Output(StackOutputs.OrleansGrainStateTable, orleans.GrainState.TableName);
        Output(StackOutputs.OrleansReminderTable, orleans.Reminders.TableName);

        var topic = new Topic(this, "StudyEventsTopic", new TopicProps { TopicName = $"{prefix}-study-events" });
        Output(StackOutputs.StudyEventsTopicArn, topic.TopicArn);
    }

    // The notification is set on the bucket itself (no custom-resource Lambda, as Bucket.AddEventNotification would
    // add). The queue policy names the bucket by its ARN built from its name, so the bucket can depend on the policy
    // without a cycle: S3 checks that it may send to the queue when the notification is set.
    private void NotifyOnObjectCreated(Bucket bucket, string bucketName, Queue queue)
    {
        var bucketArn = $"arn:aws:s3:::{bucketName}-{Amazon.CDK.Aws.ACCOUNT_ID}-{Amazon.CDK.Aws.REGION}";
        var policy = new QueuePolicy(this, "IngestQueuePolicy", new QueuePolicyProps { Queues = [queue] });
        policy.Document.AddStatements(new PolicyStatement(new PolicyStatementProps
        {
            Actions = ["sqs:SendMessage"],
            Principals = [new ServicePrincipal("s3.amazonaws.com")],
            Resources = [queue.QueueArn],
            Conditions = new Dictionary<string, object>
            {
                ["ArnEquals"] = new Dictionary<string, object> { ["aws:SourceArn"] = bucketArn },
                ["StringEquals"] = new Dictionary<string, object> { ["aws:SourceAccount"] = Amazon.CDK.Aws.ACCOUNT_ID },
            },
        }));
        var cfn = (CfnBucket)bucket.Node.DefaultChild!;
        cfn.NotificationConfiguration = new CfnBucket.NotificationConfigurationProperty
        {
            QueueConfigurations = new[] { new CfnBucket.QueueConfigurationProperty { Event = "s3:ObjectCreated:*", Queue = queue.QueueArn } },
        };
        cfn.AddDependency((CfnResource)policy.Node.DefaultChild!);
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
