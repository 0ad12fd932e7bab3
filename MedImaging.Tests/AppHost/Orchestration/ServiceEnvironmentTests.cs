using MedImaging.AppHost;
using MedImaging.AppHost.Orchestration;
using MedImaging.Aws.Configuration;
using Microsoft.Extensions.Configuration;

namespace MedImaging.Tests.AppHost.Orchestration;

public sealed class ServiceEnvironmentTests
{
    private static readonly ResourceNames Resources = new()
    {
        IngestBucket = "ingest", ProcessedBucket = "processed", XrayBucket = "xray", CtScanBucket = "ctscan",
        GeneralBucket = "general", QuarantineBucket = "quarantine", StudyTable = "studies",
        StudyQueueUrl = "http://127.0.0.1:4566/000000000000/study.fifo",
        StudyDeadLetterQueueUrl = "http://127.0.0.1:4566/000000000000/study-dlq.fifo",
        StudyTimerQueueUrl = "http://127.0.0.1:4566/000000000000/study-timers",
        StudyEventsTopicArn = "arn:aws:sns:us-east-1:000000000000:study-events",
    };

    [Theory]
    [InlineData("api")]
    [InlineData("silo")]
    public void Every_resource_name_including_the_timer_queue_is_injected(string service)
    {
        var aws = new AwsOptions { ServiceUrl = new AwsServiceUrls { Sqs = "http://127.0.0.1:4566" } };

        var environment = ServiceEnvironment.For(service, 5081, aws, Resources, new AppHostOptions());

        Assert.Equal(Resources.StudyTimerQueueUrl, environment["MedImaging__Resources__StudyTimerQueueUrl"]);
        Assert.Empty(Resources.MissingSettings());
        Assert.All(Resources.ToSettings(), s => Assert.Equal(s.Value, environment[$"MedImaging__Resources__{s.Key}"]));
    }

    [Fact]
    public void Real_aws_resource_names_come_from_configuration_and_a_missing_timer_queue_is_reported()
    {
        var settings = Resources.ToSettings().Where(s => s.Key != nameof(ResourceNames.StudyTimerQueueUrl))
            .ToDictionary(s => $"{ResourceNames.SectionName}:{s.Key}", s => (string?)s.Value);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();

        var withoutTimer = AppHostOptions.From(["--aws"], configuration).RealAwsResources!;
        configuration[$"{ResourceNames.SectionName}:{nameof(ResourceNames.StudyTimerQueueUrl)}"] = Resources.StudyTimerQueueUrl;
        var complete = AppHostOptions.From(["--aws"], configuration).RealAwsResources!;

        // Incomplete names make the AppHost read the deployed stack's outputs instead.
        Assert.Equal([nameof(ResourceNames.StudyTimerQueueUrl)], withoutTimer.MissingSettings());
        Assert.Equal(Resources, complete);
    }
}
