using MedImaging.Aws.Dynamo;
using MedImaging.Silo.Extensions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace MedImaging.Tests.Silo.Extensions;

/// <summary>What the Silo's registrations hand the study table (resolved from a real host builder; nothing is called).</summary>
public class GrainRuntimeRegistrationTests
{
    [Theory]
    [InlineData(null, 8)]
    [InlineData("3", 3)]
    [InlineData("1", 1)]
    public void Study_saves_leave_together_once_as_many_wait_as_the_silo_runs_studies_at_a_time(string? maxConcurrentStudies, int expected)
    {
        var settings = new Dictionary<string, string?>
        {
            ["AWS:Resources:IngestBucket"] = "ingest",
            ["AWS:Resources:StudyTable"] = "studies",
            ["AWS:Resources:StudyQueueUrl"] = "http://127.0.0.1:9/queue/studies.fifo",
            ["MedImaging:Aws:ServiceUrl:DynamoDb"] = "http://127.0.0.1:9",
            ["MedImaging:Aws:ServiceUrl:Sqs"] = "http://127.0.0.1:9",
            ["MedImaging:Aws:ServiceUrl:S3"] = "http://127.0.0.1:9",
            ["MedImaging:Aws:ServiceUrl:Sns"] = "http://127.0.0.1:9",
        };
        if (maxConcurrentStudies is not null) settings["MedImaging:GrainRuntime:MaxConcurrentStudies"] = maxConcurrentStudies;
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddGrainRuntime();
        using var services = builder.Services.BuildServiceProvider();

        var table = services.GetRequiredService<StudyTable>();

        Assert.Equal(expected, table.Batching.EnoughStudies);
        Assert.Equal(StudyWriteBatching.Default.Linger, table.Batching.Linger);
    }
}
