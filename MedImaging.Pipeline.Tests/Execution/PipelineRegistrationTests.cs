using MedImaging.Pipeline.Analysis;
using MedImaging.Pipeline.Execution;
using MedImaging.Pipeline.Execution.Ports;
using MedImaging.Pipeline.Publishing;
using MedImaging.Pipeline.Storage;
using MedImaging.Pipeline.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MedImaging.Pipeline.Tests.Execution;

public class PipelineRegistrationTests
{
    private static IConfiguration Configuration(string analyzer = "header") => new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
    {
        ["AWS:Resources:IngestBucket"] = "in",
        ["AWS:Resources:ProcessedBucket"] = "out",
        ["AWS:Resources:XrayBucket"] = "x",
        ["AWS:Resources:CtScanBucket"] = "c",
        ["AWS:Resources:GeneralBucket"] = "g",
        ["AWS:Resources:QuarantineBucket"] = "q",
        ["AWS:Resources:StudyTable"] = "studies",
        ["MedImaging:Pipeline:Analyzer"] = analyzer,
        ["MedImaging:Pipeline:Retry:MaxAttempts"] = "7",
    }).Build();

    [Fact]
    public async Task The_host_gets_a_working_pipeline_from_configuration()
    {
        var store = new InMemoryObjectStore();
        var unused = new UnusedPorts();
        var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton<IObjectStore>(store)
            .AddSingleton<IImageRenderer>(unused)
            .AddMedImagingPipeline(Configuration());
        await using var provider = services.BuildServiceProvider();

        Assert.Equal("g", provider.GetRequiredService<PipelineBuckets>().GeneralBucket);
        Assert.Equal(7, provider.GetRequiredService<MedImaging.Pipeline.Retries.RetryPolicy>().Options.MaxAttempts);
        Assert.IsType<HeaderImageAnalyzer>(provider.GetRequiredService<IImageAnalyzer>());
        Assert.NotNull(provider.GetRequiredService<StudyPublisher>());

        var source = new ObjectLocation("in", "incoming/u/o");
        await store.PutAsync(source, PlainImages.Png, "image/png", default);
        var pipeline = provider.GetRequiredService<InstancePipeline>();
        var (done, _) = await pipeline.RunUntilWaitAsync(InstanceProgress.Start(new InstanceWorkItem("u", "o", source)), default);
        Assert.Equal(InstanceStatus.Completed, done.Status);
        Assert.All(done.RoutedOutputs, c => Assert.Equal("g", c.Bucket));
    }

    [Fact]
    public void An_unknown_analyzer_is_a_configuration_error()
    {
        var services = new ServiceCollection().AddMedImagingPipeline(Configuration("magic"));
        using var provider = services.BuildServiceProvider();
        Assert.Throws<InvalidOperationException>(() => provider.GetRequiredService<IImageAnalyzer>());
    }
}
