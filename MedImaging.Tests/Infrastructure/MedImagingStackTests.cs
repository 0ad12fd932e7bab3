using Amazon.CDK;
using Amazon.CDK.Assertions;
using MedImaging.Aws.Configuration;
using MedImaging.Infrastructure;

namespace MedImaging.Tests.Infrastructure;

/// <summary>Assertions on the synthesized CloudFormation template (one synthesis shared by the class: jsii is slow).</summary>
public sealed class MedImagingStackTests(MedImagingStackTests.TemplateFixture fixture) : IClassFixture<MedImagingStackTests.TemplateFixture>
{
    public sealed class TemplateFixture
    {
        public Template Template { get; } = Template.FromStack(StackTemplate.Create(new App()));
    }

    private Template Template => fixture.Template;

    [Fact]
    public void Six_private_encrypted_buckets()
    {
        Template.ResourceCountIs("AWS::S3::Bucket", 6);
        Template.AllResourcesProperties("AWS::S3::Bucket", Match.ObjectLike(new Dictionary<string, object>
        {
            ["BucketEncryption"] = Match.ObjectLike(new Dictionary<string, object>
            {
                ["ServerSideEncryptionConfiguration"] = Match.ArrayWith([
                    Match.ObjectLike(new Dictionary<string, object>
                    {
                        ["ServerSideEncryptionByDefault"] = new Dictionary<string, object> { ["SSEAlgorithm"] = "AES256" },
                    }),
                ]),
            }),
            ["PublicAccessBlockConfiguration"] = new Dictionary<string, object>
            {
                ["BlockPublicAcls"] = true, ["BlockPublicPolicy"] = true, ["IgnorePublicAcls"] = true, ["RestrictPublicBuckets"] = true,
            },
        }));
        // enforceSSL: every bucket gets a policy denying plain HTTP.
        Template.ResourceCountIs("AWS::S3::BucketPolicy", 6);
    }

    [Fact]
    public void Ingest_bucket_expires_raw_uploads_and_aborts_stale_multipart_uploads()
    {
        Template.HasResourceProperties("AWS::S3::Bucket", Match.ObjectLike(new Dictionary<string, object>
        {
            ["LifecycleConfiguration"] = new Dictionary<string, object>
            {
                ["Rules"] = new object[]
                {
                    new Dictionary<string, object>
                    {
                        ["Id"] = "expire-raw-uploads",
                        ["Prefix"] = "incoming/",
                        ["Status"] = "Enabled",
                        ["ExpirationInDays"] = 30,
                        ["AbortIncompleteMultipartUpload"] = new Dictionary<string, object> { ["DaysAfterInitiation"] = 1 },
                    },
                },
            },
        }));
    }

    [Fact]
    public void Ingest_bucket_lets_pages_put_to_presigned_urls_and_read_the_etag()
    {
        Template.HasResourceProperties("AWS::S3::Bucket", Match.ObjectLike(new Dictionary<string, object>
        {
            ["CorsConfiguration"] = new Dictionary<string, object>
            {
                ["CorsRules"] = new object[]
                {
                    new Dictionary<string, object>
                    {
                        ["Id"] = "direct-upload",
                        ["AllowedOrigins"] = new[] { "*" },
                        ["AllowedMethods"] = new[] { "PUT" },
                        ["AllowedHeaders"] = new[] { "*" },
                        ["ExposedHeaders"] = new[] { "ETag" },
                        ["MaxAge"] = 3000,
                    },
                },
            },
            ["LifecycleConfiguration"] = Match.AnyValue(),
        }));
    }

    [Fact]
    public void Study_table_has_keys_status_index_point_in_time_recovery_and_ttl()
    {
        Template.ResourceCountIs("AWS::DynamoDB::Table", 4); // the study table and the three Orleans tables
        Template.HasResourceProperties("AWS::DynamoDB::Table", new Dictionary<string, object>
        {
            ["TableName"] = "medimaging-studies",
            ["BillingMode"] = "PAY_PER_REQUEST",
            ["KeySchema"] = new object[]
            {
                new Dictionary<string, object> { ["AttributeName"] = "PK", ["KeyType"] = "HASH" },
                new Dictionary<string, object> { ["AttributeName"] = "SK", ["KeyType"] = "RANGE" },
            },
            ["AttributeDefinitions"] = Match.ArrayWith([
                new Dictionary<string, object> { ["AttributeName"] = "GSI1PK", ["AttributeType"] = "S" },
                new Dictionary<string, object> { ["AttributeName"] = "GSI1SK", ["AttributeType"] = "S" },
            ]),
            ["GlobalSecondaryIndexes"] = new object[]
            {
                new Dictionary<string, object>
                {
                    ["IndexName"] = "GSI1",
                    ["KeySchema"] = new object[]
                    {
                        new Dictionary<string, object> { ["AttributeName"] = "GSI1PK", ["KeyType"] = "HASH" },
                        new Dictionary<string, object> { ["AttributeName"] = "GSI1SK", ["KeyType"] = "RANGE" },
                    },
                    ["Projection"] = new Dictionary<string, object> { ["ProjectionType"] = "ALL" },
                },
            },
            ["PointInTimeRecoverySpecification"] = new Dictionary<string, object> { ["PointInTimeRecoveryEnabled"] = true },
            ["TimeToLiveSpecification"] = new Dictionary<string, object> { ["AttributeName"] = "expiresAt", ["Enabled"] = true },
        });
    }

    [Fact]
    public void The_ingest_events_queue_redrives_to_the_dead_letter_queue()
    {
        Template.ResourceCountIs("AWS::SQS::Queue", 2);
        Template.HasResourceProperties("AWS::SQS::Queue", Match.ObjectLike(new Dictionary<string, object>
        {
            ["QueueName"] = "medimaging-ingest-events",
            ["FifoQueue"] = Match.Absent(),
            ["VisibilityTimeout"] = 60,
            ["SqsManagedSseEnabled"] = true,
            ["RedrivePolicy"] = Match.ObjectLike(new Dictionary<string, object>
            {
                ["deadLetterTargetArn"] = new Dictionary<string, object> { ["Fn::GetAtt"] = new object[] { Match.StringLikeRegexp("StudyDeadLetterQueue"), "Arn" } },
                ["maxReceiveCount"] = 5,
            }),
        }));
        Template.HasResourceProperties("AWS::SQS::Queue", Match.ObjectLike(new Dictionary<string, object>
        {
            ["QueueName"] = "medimaging-dead-letters",
            ["MessageRetentionPeriod"] = 1_209_600,
        }));
    }

    [Fact]
    public void The_ingest_bucket_notifies_the_ingest_queue_of_every_created_object_which_only_s3_of_this_bucket_may_send_to()
    {
        Template.HasResourceProperties("AWS::S3::Bucket", Match.ObjectLike(new Dictionary<string, object>
        {
            ["BucketName"] = Match.ObjectLike(new Dictionary<string, object> { ["Fn::Join"] = Match.ArrayWith([Match.ArrayWith(["medimaging-ingest-"])]) }),
            ["NotificationConfiguration"] = new Dictionary<string, object>
            {
                ["QueueConfigurations"] = new object[]
                {
                    new Dictionary<string, object>
                    {
                        ["Event"] = "s3:ObjectCreated:*",
                        ["Queue"] = new Dictionary<string, object> { ["Fn::GetAtt"] = new object[] { Match.StringLikeRegexp("IngestQueue"), "Arn" } },
                    },
                },
            },
        }));
        Template.HasResourceProperties("AWS::SQS::QueuePolicy", Match.ObjectLike(new Dictionary<string, object>
        {
            ["PolicyDocument"] = Match.ObjectLike(new Dictionary<string, object>
            {
                ["Statement"] = new object[]
                {
                    Match.ObjectLike(new Dictionary<string, object>
                    {
                        ["Action"] = "sqs:SendMessage",
                        ["Effect"] = "Allow",
                        ["Principal"] = new Dictionary<string, object> { ["Service"] = "s3.amazonaws.com" },
                        ["Condition"] = Match.ObjectLike(new Dictionary<string, object> { ["ArnEquals"] = Match.AnyValue() }),
                    }),
                },
            }),
        }));
    }

    [Fact]
    public void Study_events_topic_exists()
    {
        Template.ResourceCountIs("AWS::SNS::Topic", 1);
        Template.HasResourceProperties("AWS::SNS::Topic", new Dictionary<string, object> { ["TopicName"] = "medimaging-study-events" });
    }

    [Fact]
    public void Outputs_name_every_resource_setting_the_services_read()
    {
        var outputs = Template.ToJSON()["Outputs"] as IDictionary<string, object>;
        Assert.NotNull(outputs);
        var expected = new ResourceNames().ToSettings().Select(s => s.Key)
            .Concat([StackOutputs.OrleansMembershipTable, StackOutputs.OrleansGrainStateTable, StackOutputs.OrleansReminderTable]).Order();
        Assert.Equal(expected, outputs.Keys.Order());
    }

    [Fact]
    public void Alarms_watch_dead_letters_the_oldest_pending_message_and_the_failure_rate()
    {
        Template.ResourceCountIs("AWS::CloudWatch::Alarm", 3);
        Template.HasResourceProperties("AWS::CloudWatch::Alarm", Match.ObjectLike(new Dictionary<string, object>
        {
            ["AlarmName"] = "medimaging-dead-letters",
            ["MetricName"] = "ApproximateNumberOfMessagesVisible",
            ["Namespace"] = "AWS/SQS",
            ["Threshold"] = 1,
            ["ComparisonOperator"] = "GreaterThanOrEqualToThreshold",
        }));
        Template.HasResourceProperties("AWS::CloudWatch::Alarm", Match.ObjectLike(new Dictionary<string, object>
        {
            ["AlarmName"] = "medimaging-oldest-pending",
            ["MetricName"] = "ApproximateAgeOfOldestMessage",
            ["Threshold"] = 900,
        }));
        Template.HasResourceProperties("AWS::CloudWatch::Alarm", Match.ObjectLike(new Dictionary<string, object>
        {
            ["AlarmName"] = "medimaging-failure-rate",
            ["Threshold"] = 0.1,
            ["Metrics"] = Match.ArrayWith([Match.ObjectLike(new Dictionary<string, object>
            {
                ["Expression"] = "IF(failed + completed >= 10, failed / (failed + completed), 0)",
            })]),
        }));
    }

    [Fact]
    public void Orleans_tables_have_the_key_schemas_of_microsofts_providers()
    {
        Template.HasResourceProperties("AWS::DynamoDB::Table", Match.ObjectLike(new Dictionary<string, object>
        {
            ["TableName"] = "medimaging-orleans-silos",
            ["KeySchema"] = new object[]
            {
                new Dictionary<string, object> { ["AttributeName"] = "DeploymentId", ["KeyType"] = "HASH" },
                new Dictionary<string, object> { ["AttributeName"] = "SiloIdentity", ["KeyType"] = "RANGE" },
            },
        }));
        Template.HasResourceProperties("AWS::DynamoDB::Table", Match.ObjectLike(new Dictionary<string, object>
        {
            ["TableName"] = "medimaging-orleans-grain-state",
            ["KeySchema"] = new object[]
            {
                new Dictionary<string, object> { ["AttributeName"] = "GrainReference", ["KeyType"] = "HASH" },
                new Dictionary<string, object> { ["AttributeName"] = "GrainType", ["KeyType"] = "RANGE" },
            },
        }));
        Template.HasResourceProperties("AWS::DynamoDB::Table", Match.ObjectLike(new Dictionary<string, object>
        {
            ["TableName"] = "medimaging-orleans-reminders",
            ["GlobalSecondaryIndexes"] = Match.ArrayWith([
                Match.ObjectLike(new Dictionary<string, object> { ["IndexName"] = "ServiceIdIndex" }),
                Match.ObjectLike(new Dictionary<string, object> { ["IndexName"] = "ServiceIdGrainReferenceIndex" }),
            ]),
        }));
    }
}
