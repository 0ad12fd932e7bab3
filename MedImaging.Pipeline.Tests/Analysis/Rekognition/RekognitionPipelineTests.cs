using Amazon.Runtime;
using MedImaging.Pipeline.Analysis.Rekognition;
using MedImaging.Pipeline.Execution;
using MedImaging.Pipeline.Execution.Ports;
using MedImaging.Pipeline.Routing;
using MedImaging.Pipeline.Steps;
using MedImaging.Pipeline.Tests.Support;

namespace MedImaging.Pipeline.Tests.Analysis.Rekognition;

/// <summary>A plain image analyzed by (a signature-checking stand-in for) Rekognition and routed by its labels.</summary>
public sealed class RekognitionPipelineTests : IAsyncLifetime
{
    private RekognitionFake _fake = null!;

    public async Task InitializeAsync() => _fake = await RekognitionFake.StartAsync();

    public async Task DisposeAsync() => await _fake.DisposeAsync();

    private PipelineHarness Harness()
    {
        var options = new RekognitionOptions { ServiceUrl = _fake.Address };
        var http = RekognitionHttpClientFactory.Create(options, new BasicAWSCredentials(RekognitionFake.AccessKey, RekognitionFake.SecretKey));
        var unused = new UnusedPorts();
        return new PipelineHarness(new CompositeInstanceReader(unused), unused, unused, new RekognitionImageAnalyzer(new RekognitionClient(http), options));
    }

    [Fact]
    public async Task Labels_above_the_threshold_route_a_photo_to_xray_and_the_answer_is_kept_for_redelivery()
    {
        using var harness = Harness();
        var item = await harness.UploadAsync("upload-1", "photo-1", PlainImages.Jpeg);
        var progress = InstanceProgress.Start(item);
        while (progress.NextStep != PipelineStep.Route)
            progress = (await harness.Pipeline.RunStepAsync(progress, CancellationToken.None)).Progress;

        Assert.Equal("rekognition:DetectLabels", progress.Analysis!.Source);
        Assert.Equal(97.25, progress.Analysis.ConfidenceOf("X-Ray"));

        // A redelivered analyze step reads the stored answer instead of calling Rekognition again.
        var replay = InstanceProgress.Start(item) with { NextStep = PipelineStep.Analyze, Metadata = progress.Metadata, Deidentification = progress.Deidentification, Rendered = progress.Rendered };
        var again = await harness.Pipeline.RunStepAsync(replay, CancellationToken.None);
        Assert.Equal(StepOutcome.AlreadyDone, again.Entry.Outcome);
        Assert.Single(_fake.Received);

        var (done, _) = await harness.Pipeline.RunUntilWaitAsync(progress, CancellationToken.None);
        Assert.Equal(new RoutingDecision(Destination.Xray, "class-xray"), done.Routing);
        Assert.All(done.RoutedOutputs, c => Assert.Equal("xray", c.Bucket));
    }

    [Fact]
    public async Task Throttling_schedules_a_retry_and_an_invalid_image_fails_the_instance()
    {
        using var harness = Harness();
        _fake.EnqueueError(400, "ThrottlingException");
        _fake.EnqueueError(400, "InvalidImageFormatException");
        var progress = InstanceProgress.Start(await harness.UploadAsync("upload-2", "photo-2", PlainImages.Png));

        var (waiting, timeline) = await harness.Pipeline.RunUntilWaitAsync(progress, CancellationToken.None);
        Assert.Equal((PipelineStep.Analyze, StepOutcome.RetryScheduled), (timeline[^1].Step, timeline[^1].Outcome));

        var (failed, rest) = await harness.Pipeline.RunUntilWaitAsync(waiting, CancellationToken.None);
        Assert.Equal(InstanceStatus.Failed, failed.Status);
        Assert.Equal("invalid-image", failed.FailureCode);
        Assert.Equal(StepOutcome.Failed, Assert.Single(rest).Outcome);
        Assert.All(_fake.Received, r => Assert.Null(r.SignatureFailure));
    }
}
