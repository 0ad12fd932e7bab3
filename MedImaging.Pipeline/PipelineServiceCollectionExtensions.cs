using Amazon.Runtime.Credentials;
using MedImaging.Dicom.Deidentification;
using MedImaging.Dicom.Deidentification.Policy;
using MedImaging.Pipeline.Adapters;
using MedImaging.Pipeline.Analysis;
using MedImaging.Pipeline.Analysis.Rekognition;
using MedImaging.Pipeline.Execution;
using MedImaging.Pipeline.Execution.Ports;
using MedImaging.Pipeline.Publishing;
using MedImaging.Pipeline.Publishing.Webhooks;
using MedImaging.Pipeline.Retries;
using MedImaging.Pipeline.Routing;
using MedImaging.Pipeline.Telemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace MedImaging.Pipeline;

public static class PipelineServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="InstancePipeline"/> and <see cref="StudyPublisher"/> with options bound from
    /// configuration. The host must register <see cref="Storage.IObjectStore"/>; the reader, de-identifier,
    /// renderer and analyzer are registered unless the host did first.
    /// </summary>
    public static IServiceCollection AddMedImagingPipeline(this IServiceCollection services, IConfiguration configuration)
    {
        var pipeline = configuration.GetSection(PipelineOptions.SectionName).Get<PipelineOptions>() ?? new PipelineOptions();
        var routing = configuration.GetSection(RoutingOptions.SectionName).Get<RoutingOptions>() ?? new RoutingOptions();
        var webhook = configuration.GetSection(WebhookOptions.SectionName).Get<WebhookOptions>() ?? new WebhookOptions();
        var buckets = configuration.GetSection(PipelineBuckets.SectionName).Get<PipelineBuckets>()
                      ?? throw new InvalidOperationException($"Configuration section {PipelineBuckets.SectionName} is missing");

        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(pipeline);
        services.AddSingleton(buckets);
        services.AddSingleton(new Router(routing));
        services.AddSingleton(new RetryPolicy(pipeline.Retry));
        services.AddSingleton(new Pseudonymizer(pipeline.PseudonymSecret));
        services.AddSingleton(sp => new PipelineTelemetry(sp.GetService<System.Diagnostics.Metrics.IMeterFactory>()));
        services.TryAddSingleton<IInstanceReader>(new CompositeInstanceReader(new DicomInstanceReader()));
        services.TryAddSingleton<IInstanceDeidentifier>(new DicomDeidentifyStep(
            new Deidentifier(DeidentificationPolicy.Basic, System.Text.Encoding.UTF8.GetBytes(pipeline.DeidentificationSecret))));
        services.TryAddSingleton<IImageRenderer>(new DicomImageRenderer());
        services.TryAddSingleton<IImageAnalyzer>(sp => CreateAnalyzer(pipeline, configuration));
        services.AddSingleton(sp => new InstancePipelinePorts(
            sp.GetRequiredService<Storage.IObjectStore>(),
            sp.GetRequiredService<IInstanceReader>(),
            sp.GetRequiredService<IInstanceDeidentifier>(),
            sp.GetRequiredService<IImageRenderer>(),
            sp.GetRequiredService<IImageAnalyzer>()));
        services.AddSingleton<InstancePipeline>();
        if (webhook.Url is not null)
            services.AddSingleton(sp => new WebhookSender(new HttpClient(), webhook, sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => new StudyPublisher(
            sp.GetRequiredService<Storage.IObjectStore>(),
            buckets,
            sp.GetRequiredService<Pseudonymizer>(),
            sp.GetService<WebhookSender>()));
        return services;
    }

    private static IImageAnalyzer CreateAnalyzer(PipelineOptions pipeline, IConfiguration configuration)
    {
        if (string.Equals(pipeline.Analyzer, HeaderImageAnalyzer.AnalyzerName, StringComparison.OrdinalIgnoreCase))
            return new HeaderImageAnalyzer();
        if (!string.Equals(pipeline.Analyzer, RekognitionImageAnalyzer.AnalyzerName, StringComparison.OrdinalIgnoreCase))
            throw new InvalidOperationException($"Unknown analyzer '{pipeline.Analyzer}': use 'header' or 'rekognition'");

        var options = configuration.GetSection(RekognitionOptions.SectionName).Get<RekognitionOptions>() ?? new RekognitionOptions();
        if (configuration["MedImaging:Aws:Region"] is { Length: > 0 } region && configuration[$"{RekognitionOptions.SectionName}:Region"] is null)
            options = options with { Region = region };
        var http = RekognitionHttpClientFactory.Create(options, DefaultAWSCredentialsIdentityResolver.GetCredentials());
        return new RekognitionImageAnalyzer(new RekognitionClient(http), options);
    }
}
