using Amazon.DynamoDBv2;
using Amazon.S3;
using Amazon.S3.Model;
using MedImaging.Aws.Configuration;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace MedImaging.Aws.Hosting;

/// <summary>
/// /health: the study table and the ingest bucket answer. Each call is a cheap metadata read,
/// so the check can run as often as the AppHost or a load balancer asks.
/// </summary>
public sealed class StudyStoreHealthCheck(IAmazonDynamoDB dynamo, IAmazonS3 s3, ResourceNames resources) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await dynamo.DescribeTableAsync(resources.StudyTable, cancellationToken);
            await s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = resources.IngestBucket, MaxKeys = 1 }, cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (Exception error) when (error is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy($"A study store dependency is unreachable ({error.GetType().Name}).");
        }
    }
}
