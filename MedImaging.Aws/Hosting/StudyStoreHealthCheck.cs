using Amazon.DynamoDBv2;
using Amazon.S3;
using Amazon.S3.Model;
using MedImaging.Aws.Configuration;
using MedImaging.Aws.Sqs;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace MedImaging.Aws.Hosting;

/// <summary>
/// /health: the study table, the ingest bucket and the study queue answer. Each call is a cheap metadata read,
/// so the check can run as often as the AppHost or a load balancer asks.
/// </summary>
public sealed class StudyStoreHealthCheck(IAmazonDynamoDB dynamo, IAmazonS3 s3, SqsClient sqs, ResourceNames resources) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await dynamo.DescribeTableAsync(resources.StudyTable, cancellationToken);
            await s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = resources.IngestBucket, MaxKeys = 1 }, cancellationToken);
            await sqs.GetQueueAttributesAsync(resources.StudyQueueUrl, [SqsQueueAttributes.QueueArn], cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (Exception error) when (error is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy($"A study store dependency is unreachable ({error.GetType().Name}).");
        }
    }
}
