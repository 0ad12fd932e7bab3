using System.Text.Json;
using MedImaging.Pipeline.Analysis;
using MedImaging.Pipeline.Execution;
using MedImaging.Pipeline.Execution.Ports;
using MedImaging.Pipeline.Routing;
using MedImaging.Pipeline.Steps;
using MedImaging.Pipeline.Storage;
using MedImaging.Pipeline.Tests.Support;

namespace MedImaging.Pipeline.Tests.Execution;

public sealed class InstancePipelinePlainImageTests : IDisposable
{
    private readonly UnusedPorts _unused = new();
    private PipelineHarness? _harness;

    private PipelineHarness Harness(IImageAnalyzer? analyzer = null, int maxAttempts = 3) =>
        _harness = new PipelineHarness(new CompositeInstanceReader(_unused), _unused, _unused, analyzer ?? new HeaderImageAnalyzer(),
            new MedImaging.Pipeline.Retries.RetryOptions { MaxAttempts = maxAttempts });

    public void Dispose() => _harness?.Dispose();

    [Fact]
    public async Task A_png_runs_every_step_and_lands_unclassified_in_general_under_pseudonymous_keys()
    {
        var harness = Harness();
        var item = await harness.UploadAsync("upload-123", "object-1", PlainImages.Png);

        var (progress, timeline) = await harness.Pipeline.RunUntilWaitAsync(InstanceProgress.Start(item), CancellationToken.None);

        Assert.Equal(InstanceStatus.Completed, progress.Status);
        Assert.Equal(PipelineSteps.InOrder, timeline.Select(e => e.Step));
        Assert.All(timeline, e => Assert.Equal(StepOutcome.Succeeded, e.Outcome));
        Assert.Equal(ImageClasses.Unclassified, progress.Analysis!.Class);
        Assert.Equal(new RoutingDecision(Destination.General, Router.FallbackReason), progress.Routing);
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(PlainImages.Png)), progress.ContentSha256);

        var study = harness.Pseudonyms.Pseudonym("upload-123");
        var rendered = new ObjectLocation("general", progress.Rendered!.Key);
        Assert.Equal(new ObjectLocation("general", $"{study}/{harness.Pseudonyms.Pseudonym("upload-123/images")}/{harness.Pseudonyms.Pseudonym("upload-123/object-1")}.png"), rendered);
        // dcmtk's text chunks (software, version) are stripped; the image data is the upload's.
        var delivered = (await harness.Store.GetAsync(rendered, default))!.Content.ToArray();
        Assert.DoesNotContain("tEXt", PngChunks.Types(delivered));
        Assert.Equal(PngChunks.Image(PlainImages.Png).Pixels, PngChunks.Image(delivered).Pixels);
        Assert.True(progress.Deidentification!.ActionCounts["Removed"] > 0, "dcmtk writes its software and version as text");
        Assert.Equal([rendered], progress.RoutedOutputs);
        Assert.Equal(1, harness.Store.WriteCount(rendered));

        // Nothing outside the ingest bucket may carry the upload's own identifiers.
        Assert.All(harness.Store.Locations.Where(l => l.Bucket != "ingest"),
            l => Assert.DoesNotContain("upload-123", l.Key));
        var result = (await harness.Store.GetAsync(progress.Result!, default))!;
        var json = System.Text.Encoding.UTF8.GetString(result.Content.Span);
        Assert.DoesNotContain("upload-123", json);
        Assert.DoesNotContain("object-1", json);
        Assert.Equal("Completed", JsonDocument.Parse(json).RootElement.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Redelivering_every_step_writes_nothing_twice()
    {
        var harness = Harness();
        var item = await harness.UploadAsync("upload-9", "object-9", PlainImages.Jpeg);
        var progress = InstanceProgress.Start(item);
        var replays = new List<StepRun>();
        while (!progress.IsFinished)
        {
            var run = await harness.Pipeline.RunStepAsync(progress, CancellationToken.None);
            // The Silo "crashes" after the side effect and before saving state: the message comes again.
            replays.Add(await harness.Pipeline.RunStepAsync(progress, CancellationToken.None));
            Assert.Equal(Json(run.Progress), Json(replays[^1].Progress));
            progress = run.Progress;
        }

        Assert.All(harness.Store.Locations, l => Assert.Equal(1, harness.Store.WriteCount(l)));
        Assert.Equal(
            // Only route and publish write (de-identify and render make what route writes; the header analyzer stores
            // nothing): they find their outputs, every other step answers again.
            [StepOutcome.Succeeded, StepOutcome.Succeeded, StepOutcome.Succeeded, StepOutcome.Succeeded, StepOutcome.Succeeded, StepOutcome.AlreadyDone, StepOutcome.AlreadyDone],
            replays.Select(r => r.Entry.Outcome));
    }

    [Fact]
    public async Task A_jpeg_with_exif_xmp_and_a_comment_is_delivered_without_them()
    {
        using var tools = new ImageTools();
        var path = tools.Write("tagged.jpg", PlainImages.Jpeg);
        tools.ExifToolWrite(path, "-EXIF:Artist=DOE^JANE", "-XMP-dc:Creator=DOE^JANE", "-Comment=Patient DOE^JANE");
        var harness = Harness();
        var item = await harness.UploadAsync("upload-5", "object-5", File.ReadAllBytes(path));

        var (progress, _) = await harness.Pipeline.RunUntilWaitAsync(InstanceProgress.Start(item), CancellationToken.None);

        Assert.Equal(InstanceStatus.Completed, progress.Status);
        Assert.Equal(new Dictionary<string, int> { ["Removed"] = 3 }, progress.Deidentification!.ActionCounts);
        Assert.Equal(progress.Deidentification.OutputKey, progress.Rendered!.Key);
        var routed = Assert.Single(progress.RoutedOutputs!);
        var delivered = tools.Write("delivered.jpg", (await harness.Store.GetAsync(routed, default))!.Content.Span);
        Assert.DoesNotContain(tools.ExifToolRead(delivered).Values, v => v.Contains("DOE^JANE", StringComparison.Ordinal));
        Assert.Equal(tools.DecodeJpeg(path), tools.DecodeJpeg(delivered));
    }

    [Fact]
    public async Task A_jpeg_whose_segments_cannot_be_walked_fails_deidentification_and_goes_to_quarantine_only()
    {
        var harness = Harness();
        var item = await harness.UploadAsync("upload-6", "object-6", [0xFF, 0xD8, 0xFF, 0xE1, 0xFF, 0xFF, 0x45, 0x78, 0x69, 0x66, 0, 0]);

        var (progress, timeline) = await harness.Pipeline.RunUntilWaitAsync(InstanceProgress.Start(item), CancellationToken.None);

        Assert.True(progress.Deidentification!.Failed);
        Assert.Equal("deidentification-failed", progress.Deidentification.FailureCode);
        Assert.StartsWith("deidentification-failed: Malformed JPEG at offset 4", timeline.Single(e => e.Step == PipelineStep.Deidentify).Error);
        Assert.Equal(Destination.Quarantine, progress.Routing!.Destination);
        Assert.All(progress.RoutedOutputs!, l => Assert.Equal("quarantine", l.Bucket));
        Assert.DoesNotContain(harness.Store.Locations, l => l.Bucket is "processed" && !l.Key.EndsWith(".json", StringComparison.Ordinal));
    }

    private static string Json(InstanceProgress progress) => JsonSerializer.Serialize(progress, PipelineJson.Default.InstanceProgress);

    [Fact]
    public async Task A_transient_analyzer_failure_schedules_a_retry_and_then_succeeds()
    {
        var analyzer = new ScriptedAnalyzer(new HeaderImageAnalyzer(), StepFailure.Transient("analyzer-unavailable", "throttled"));
        var harness = Harness(analyzer);
        var item = await harness.UploadAsync("u", "o", PlainImages.Png);

        var (waiting, timeline) = await harness.Pipeline.RunUntilWaitAsync(InstanceProgress.Start(item), CancellationToken.None);
        var retry = timeline[^1];
        Assert.Equal((PipelineStep.Analyze, StepOutcome.RetryScheduled, 1), (retry.Step, retry.Outcome, retry.Attempt));
        Assert.Equal("analyzer-unavailable: throttled", retry.Error);
        Assert.InRange(retry.RetryAfter!.Value.TotalSeconds, 1, 2); // first retry: half to all of the 2 s base
        Assert.Equal((PipelineStep.Analyze, 2), (waiting.NextStep, waiting.Attempt));

        var (done, rest) = await harness.Pipeline.RunUntilWaitAsync(waiting, CancellationToken.None);
        Assert.Equal(InstanceStatus.Completed, done.Status);
        Assert.Equal(2, rest[0].Attempt);
        Assert.Equal(2, analyzer.Calls);
    }

    [Fact]
    public async Task The_last_transient_failure_fails_the_instance_with_its_reason()
    {
        var always = Enumerable.Repeat(StepFailure.Transient("analyzer-unavailable", "throttled"), 10).ToArray();
        var harness = Harness(new ScriptedAnalyzer(new HeaderImageAnalyzer(), always), maxAttempts: 3);
        var progress = InstanceProgress.Start(await harness.UploadAsync("u", "o", PlainImages.Png));

        var outcomes = new List<StepOutcome>();
        while (!progress.IsFinished)
        {
            var run = await harness.Pipeline.RunStepAsync(progress, CancellationToken.None);
            if (run.Entry.Step == PipelineStep.Analyze) outcomes.Add(run.Entry.Outcome);
            progress = run.Progress;
        }

        Assert.Equal([StepOutcome.RetryScheduled, StepOutcome.RetryScheduled, StepOutcome.Failed], outcomes);
        Assert.Equal(InstanceStatus.Failed, progress.Status);
        Assert.Equal("analyzer-unavailable", progress.FailureCode);
        Assert.Null(progress.NextStep);
    }

    [Fact]
    public async Task An_upload_that_is_no_image_fails_permanently_at_validation()
    {
        var harness = Harness();
        var run = await harness.Pipeline.RunStepAsync(
            InstanceProgress.Start(await harness.UploadAsync("u", "o", "hello, not an image"u8.ToArray())), CancellationToken.None);

        Assert.Equal(StepOutcome.Failed, run.Entry.Outcome);
        Assert.Equal(InstanceStatus.Failed, run.Progress.Status);
        Assert.Equal("not-an-image", run.Progress.FailureCode);
    }

    [Fact]
    public async Task A_missing_upload_is_retried_as_transient()
    {
        var harness = Harness();
        var item = new InstanceWorkItem("u", "o", new ObjectLocation("ingest", "incoming/u/missing"));
        var run = await harness.Pipeline.RunStepAsync(InstanceProgress.Start(item), CancellationToken.None);
        Assert.Equal(StepOutcome.RetryScheduled, run.Entry.Outcome);
        Assert.Equal(2, run.Progress.Attempt);
    }

    [Fact]
    public async Task A_finished_instance_cannot_be_run_again()
    {
        var harness = Harness();
        var (done, _) = await harness.Pipeline.RunUntilWaitAsync(InstanceProgress.Start(await harness.UploadAsync("u", "o", PlainImages.Png)), CancellationToken.None);
        await Assert.ThrowsAsync<InvalidOperationException>(() => harness.Pipeline.RunStepAsync(done, CancellationToken.None));
    }

    [Fact]
    public async Task Progress_round_trips_through_json_for_the_grain_state()
    {
        var harness = Harness();
        var (done, _) = await harness.Pipeline.RunUntilWaitAsync(InstanceProgress.Start(await harness.UploadAsync("u", "o", PlainImages.Png)), CancellationToken.None);
        var json = JsonSerializer.Serialize(done, PipelineJson.Default.InstanceProgress);
        var back = JsonSerializer.Deserialize(json, PipelineJson.Default.InstanceProgress)!;
        Assert.Equal(json, JsonSerializer.Serialize(back, PipelineJson.Default.InstanceProgress));
        Assert.Equal(done.Routing, back.Routing);
        Assert.Equal(done.Rendered, back.Rendered);
        Assert.Contains("\"nextStep\"", JsonSerializer.Serialize(InstanceProgress.Start(done.Item), PipelineJson.Default.InstanceProgress));
    }
}
