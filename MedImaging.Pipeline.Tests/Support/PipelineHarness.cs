using MedImaging.Pipeline.Analysis;
using MedImaging.Pipeline.Execution;
using MedImaging.Pipeline.Execution.Ports;
using MedImaging.Pipeline.Retries;
using MedImaging.Pipeline.Routing;
using MedImaging.Pipeline.Storage;
using MedImaging.Pipeline.Telemetry;
using Microsoft.Extensions.Logging.Abstractions;

namespace MedImaging.Pipeline.Tests.Support;

/// <summary>An <see cref="InstancePipeline"/> over an in-memory object store, with the buckets the AppHost would name.</summary>
public sealed class PipelineHarness : IDisposable
{
    public static readonly PipelineBuckets Buckets = new()
    {
        IngestBucket = "ingest",
        ProcessedBucket = "processed",
        XrayBucket = "xray",
        CtScanBucket = "ctscan",
        GeneralBucket = "general",
        QuarantineBucket = "quarantine",
    };

    public PipelineHarness(IInstanceReader reader, IInstanceDeidentifier deidentifier, IImageRenderer renderer, IImageAnalyzer analyzer, RetryOptions? retry = null)
    {
        Pseudonyms = new Pseudonymizer("test-secret");
        Pipeline = new InstancePipeline(
            new InstancePipelinePorts(Store, reader, deidentifier, renderer, analyzer),
            new Router(new RoutingOptions()),
            new RetryPolicy(retry ?? new RetryOptions { MaxAttempts = 3 }),
            Buckets,
            Pseudonyms,
            Telemetry,
            TimeProvider.System,
            NullLogger<InstancePipeline>.Instance);
    }

    public InMemoryObjectStore Store { get; } = new();

    public PipelineTelemetry Telemetry { get; } = new();

    public Pseudonymizer Pseudonyms { get; }

    public InstancePipeline Pipeline { get; }

    public async Task<InstanceWorkItem> UploadAsync(string studyKey, string instanceKey, byte[] content)
    {
        var source = new ObjectLocation(Buckets.IngestBucket, $"incoming/{studyKey}/{instanceKey}");
        await Store.PutAsync(source, content, "application/octet-stream", CancellationToken.None);
        return new InstanceWorkItem(studyKey, instanceKey, source);
    }

    public void Dispose() => Telemetry.Dispose();
}
