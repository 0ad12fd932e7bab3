using System.Text.Json;
using MedImaging.Pipeline.Analysis;
using MedImaging.Pipeline.Execution.Ports;
using MedImaging.Pipeline.Metadata;
using MedImaging.Pipeline.Retries;
using MedImaging.Pipeline.Routing;
using MedImaging.Pipeline.Steps;
using MedImaging.Pipeline.Storage;
using MedImaging.Pipeline.Telemetry;
using Microsoft.Extensions.Logging;

namespace MedImaging.Pipeline.Execution;

/// <summary>
/// Runs one step of one instance at a time. The study grain calls <see cref="RunStepAsync"/>, stores the
/// returned progress and timeline entry, and either calls again (next step), schedules a delayed message
/// (retry) or stops (completed or failed). Nothing here sleeps or loops over retries.
/// </summary>
public sealed partial class InstancePipeline(
    InstancePipelinePorts ports,
    Router router,
    RetryPolicy retryPolicy,
    PipelineBuckets buckets,
    Pseudonymizer pseudonyms,
    PipelineTelemetry telemetry,
    TimeProvider timeProvider,
    ILogger<InstancePipeline> logger)
{
    public Task<StepRun> RunStepAsync(InstanceProgress progress, CancellationToken cancellationToken) =>
        RunStepAsync(progress, firstDelivery: false, cancellationToken);

    /// <param name="firstDelivery">
    /// The caller knows no earlier run of this instance can have written anything (the message that brought it is on
    /// its first delivery): the step then writes its outputs without first asking whether they exist. Every output key
    /// is deterministic and its content too, so were the caller wrong, an output would be overwritten with itself,
    /// never duplicated.
    /// </param>
    public async Task<StepRun> RunStepAsync(InstanceProgress progress, bool firstDelivery, CancellationToken cancellationToken)
    {
        using var parses = new RunParses();
        return await RunStepAsync(progress, firstDelivery, parses, cancellationToken);
    }

    /// <summary>Plain images are stripped in memory; DICOM never is held whole.</summary>
    public const long MaxPlainImageBytes = 256L * 1024 * 1024;

    /// <summary>The largest upload read (to local disk, never into memory): DICOM's 32-bit lengths bound one value to 4 GiB.</summary>
    public const long MaxSourceBytes = 4L * 1024 * 1024 * 1024;

    /// <param name="parses">What earlier steps of this run parsed and made (one per run, disposed by the caller: see <see cref="RunParses"/>).</param>
    public async Task<StepRun> RunStepAsync(InstanceProgress progress, bool firstDelivery, RunParses parses, CancellationToken cancellationToken)
    {
        if (progress.IsFinished || progress.NextStep is not { } step)
            throw new InvalidOperationException($"The instance is already {progress.Status}");

        var start = timeProvider.GetUtcNow();
        using var activity = telemetry.StartStep(step, progress.Attempt);
        InstanceProgress next;
        StepOutcome outcome;
        StepFailure? failure = null;
        TimeSpan? retryAfter = null;
        try
        {
            (next, var alreadyDone) = await ExecuteAsync(step, progress, new Outputs(ports.Store, firstDelivery), parses, cancellationToken);
            outcome = alreadyDone ? StepOutcome.AlreadyDone : StepOutcome.Succeeded;
            next = Advance(next, step);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            failure = e as StepFailure ?? StepFailure.Transient("unexpected", $"Unexpected {e.GetType().Name}", e);
            var decision = retryPolicy.Decide(failure, progress.Attempt, RetryPolicy.DeterministicJitter(WorkKey(progress, step), progress.Attempt));
            if (decision.ShouldRetry)
            {
                outcome = StepOutcome.RetryScheduled;
                retryAfter = decision.Delay;
                next = progress with { Attempt = progress.Attempt + 1 };
                LogRetry(logger, step.Slug(), progress.Attempt, failure.Code, decision.DelaySeconds);
            }
            else
            {
                outcome = StepOutcome.Failed;
                next = step == PipelineStep.Deidentify && progress.Metadata is not null
                    ? Advance(progress with { Deidentification = FailedDeidentification(progress, failure) }, step)
                    : progress with { Status = InstanceStatus.Failed, NextStep = null, FailureCode = failure.Code, FailureMessage = failure.Message };
                LogFailure(logger, step.Slug(), progress.Attempt, failure.Code, failure.Kind.ToString());
            }
        }

        var end = timeProvider.GetUtcNow();
        telemetry.StepEnded(activity, step, outcome, end - start, failure?.Code);
        if (next.IsFinished)
            telemetry.InstanceFinished(next.Status == InstanceStatus.Completed ? "completed" : "failed", next.Routing?.Destination.ToString());
        var error = failure is null ? null : $"{failure.Code}: {failure.Message}";
        return new StepRun(next, new TimelineEntry(progress.Item.InstanceKey, step, progress.Attempt, start, end, outcome, error, retryAfter));
    }

    /// <summary>Runs steps until the instance finishes or a retry must wait; for callers without durable timers (tests, tools).</summary>
    public async Task<(InstanceProgress Progress, IReadOnlyList<TimelineEntry> Timeline)> RunUntilWaitAsync(InstanceProgress progress, CancellationToken cancellationToken)
    {
        var timeline = new List<TimelineEntry>();
        using var parses = new RunParses();
        while (!progress.IsFinished)
        {
            var run = await RunStepAsync(progress, firstDelivery: false, parses, cancellationToken);
            timeline.Add(run.Entry);
            progress = run.Progress;
            if (run.Entry.Outcome == StepOutcome.RetryScheduled) break;
        }
        return (progress, timeline);
    }

    private Task<(InstanceProgress Progress, bool AlreadyDone)> ExecuteAsync(PipelineStep step, InstanceProgress progress, Outputs outputs, RunParses parses, CancellationToken ct) => step switch
    {
        PipelineStep.Validate => ValidateAsync(progress, parses, ct),
        PipelineStep.ExtractMetadata => ExtractMetadataAsync(progress, parses, ct),
        PipelineStep.Deidentify => DeidentifyAsync(progress, parses, ct),
        PipelineStep.Render => RenderAsync(progress, parses, ct),
        PipelineStep.Analyze => AnalyzeAsync(progress, outputs, parses, ct),
        PipelineStep.Route => RouteAsync(progress, outputs, parses, ct),
        PipelineStep.Publish => PublishAsync(progress, outputs, ct),
        _ => throw new ArgumentOutOfRangeException(nameof(step), step, null),
    };

    private static InstanceProgress Advance(InstanceProgress progress, PipelineStep completed)
    {
        PipelineStep? next = completed switch
        {
            // Nothing may be rendered or analyzed from a file that could not be de-identified.
            PipelineStep.Deidentify when progress.Deidentification is { Failed: true } => PipelineStep.Route,
            _ => PipelineSteps.Next(completed),
        };
        return next is null
            ? progress with { Status = InstanceStatus.Completed, NextStep = null, Attempt = 1 }
            : progress with { NextStep = next, Attempt = 1 };
    }

    private async Task<(InstanceProgress, bool)> ValidateAsync(InstanceProgress progress, RunParses parses, CancellationToken ct)
    {
        var source = await SourceAsync(progress, parses, ct);
        var (_, findings) = ports.Reader.ValidateFile(source.Path, parses);
        var errors = findings.Where(f => f.Severity == ValidationSeverity.Error).ToList();
        if (errors.Count > 0)
            throw StepFailure.Permanent("invalid-instance", string.Join("; ", errors.Select(f => $"{f.Code}: {f.Message}")));
        return (progress with { ContentSha256 = source.Sha256, Findings = findings }, false);
    }

    private async Task<(InstanceProgress, bool)> ExtractMetadataAsync(InstanceProgress progress, RunParses parses, CancellationToken ct)
    {
        var source = await SourceAsync(progress, parses, ct);
        return (progress with { Metadata = ports.Reader.ExtractMetadataFromFile(source.Path, parses) }, false);
    }

    // De-identify, render and analyze write nothing: what they make is written once, by route, to the bucket it routes to.
    // A later run (a retry, another silo) makes it again from the upload; every step is deterministic, so it is the same.
    private async Task<(InstanceProgress, bool)> DeidentifyAsync(InstanceProgress progress, RunParses parses, CancellationToken ct)
    {
        var metadata = Require(progress.Metadata, "metadata");
        if (!metadata.IsDicom)
        {
            // A plain image is named by pseudonyms; what it carries besides pixels (EXIF, XMP, text ...) is dropped.
            var study = pseudonyms.Pseudonym(progress.Item.StudyKey);
            var series = pseudonyms.Pseudonym(progress.Item.StudyKey + "/images");
            var instance = pseudonyms.Pseudonym($"{progress.Item.StudyKey}/{progress.Item.InstanceKey}");
            var stripped = await StrippedImageAsync(progress, metadata, parses, ct);
            var outcome = new DeidentificationOutcome(false, study, series, instance, PlainImageKey(metadata, study, series, instance), false,
                new Dictionary<string, int> { ["Removed"] = stripped.RemovedCount });
            return (progress with { Deidentification = outcome }, false);
        }

        var clean = await DeidentifiedAsync(progress, parses, ct);
        var result = new DeidentificationOutcome(false, clean.StudyUid, clean.SeriesUid, clean.InstanceUid,
            PipelineKeys.Processed(clean.StudyUid, clean.SeriesUid, clean.InstanceUid, "dcm"), clean.BurnedInPhiRisk, clean.ActionCounts);
        return (progress with { Deidentification = result }, false);
    }

    private async Task<(InstanceProgress, bool)> RenderAsync(InstanceProgress progress, RunParses parses, CancellationToken ct)
    {
        var metadata = Require(progress.Metadata, "metadata");
        var deid = Require(progress.Deidentification, "de-identification");
        // The stripped image de-identification made is the rendered image.
        if (!metadata.IsDicom)
            return (progress with { Rendered = new RenderedOutput(Require(deid.OutputKey, "de-identified output"), PlainImageContentType(metadata)) }, false);

        if (await RenderedImageAsync(progress, parses, ct) is null)
            return (progress with { Rendered = null }, false);
        var key = PipelineKeys.Processed(deid.StudyUid, deid.SeriesUid, deid.InstanceUid, ports.Renderer.Extension);
        return (progress with { Rendered = new RenderedOutput(key, ports.Renderer.ContentType) }, false);
    }

    private async Task<(InstanceProgress, bool)> AnalyzeAsync(InstanceProgress progress, Outputs outputs, RunParses parses, CancellationToken ct)
    {
        var metadata = Require(progress.Metadata, "metadata");
        // No pixels to look at, or an analyzer that reads only the header: asked again, it answers the same for free.
        if (progress.Rendered is null || ports.Analyzer.IsDeterministicFromHeader)
        {
            var fromHeader = progress.Rendered is null
                ? HeaderImageAnalyzer.Classify(metadata)
                : await ports.Analyzer.AnalyzeAsync(new AnalysisRequest(metadata, ReadOnlyMemory<byte>.Empty, progress.Rendered.ContentType, null), ct);
            return (progress with { Analysis = fromHeader }, false);
        }

        var work = new ObjectLocation(buckets.IngestBucket, WorkKey(progress, PipelineStep.Analyze));
        if (await outputs.GetEarlierAsync(work, ct) is { } earlier)
            return (progress with { Analysis = JsonSerializer.Deserialize(earlier.Content.Span, PipelineJson.Default.AnalysisResult) }, true);

        // The image is not stored before it is routed. A plain image too large to send inline is read by the analyzer from
        // the upload: the same pixels (only metadata is stripped), in the same account.
        var image = metadata.IsDicom
            ? await RenderedImageAsync(progress, parses, ct) ?? throw StepFailure.Permanent("missing-rendered-image", "The instance rendered no image")
            : (await StrippedImageAsync(progress, metadata, parses, ct)).Content;
        var result = await ports.Analyzer.AnalyzeAsync(
            new AnalysisRequest(metadata, image, progress.Rendered.ContentType, metadata.IsDicom ? null : progress.Item.Source), ct);

        // Kept so a redelivery does not pay for (or get a different answer from) a second analysis.
        await ports.Store.PutAsync(work, JsonSerializer.SerializeToUtf8Bytes(result, PipelineJson.Default.AnalysisResult), "application/json", ct);
        return (progress with { Analysis = result }, false);
    }

    private async Task<(InstanceProgress, bool)> RouteAsync(InstanceProgress progress, Outputs outputs, RunParses parses, CancellationToken ct)
    {
        var metadata = Require(progress.Metadata, "metadata");
        var deid = Require(progress.Deidentification, "de-identification");
        var decision = router.Route(new RoutingInput(metadata, progress.Analysis, deid.Failed, deid.BurnedInPhiRisk));
        var bucket = buckets.For(decision.Destination);

        // Each output is written once, here, straight to the bucket it is routed to, under its deterministic key.
        var writes = new List<(ObjectLocation To, Func<ObjectLocation, Task> Write)>();
        if (deid.Failed)
        {
            var key = PipelineKeys.QuarantinedOriginal(pseudonyms.Pseudonym(progress.Item.StudyKey),
                pseudonyms.Pseudonym($"{progress.Item.StudyKey}/{progress.Item.InstanceKey}"));
            // The upload as it came (nothing could be made of it), copied within S3 from the ingest bucket.
            writes.Add((new ObjectLocation(bucket, key), to => ports.Store.CopyAsync(progress.Item.Source, to, ct)));
        }
        else if (!metadata.IsDicom)
        {
            // The stripped image is both the de-identified output and the rendered image: one object.
            writes.Add((new ObjectLocation(bucket, Require(deid.OutputKey, "de-identified output")), async to =>
                await ports.Store.PutAsync(to, (await StrippedImageAsync(progress, metadata, parses, ct)).Content, PlainImageContentType(metadata), ct)));
        }
        else
        {
            writes.Add((new ObjectLocation(bucket, Require(deid.OutputKey, "de-identified output")), async to =>
                await StreamedPut.PutAsync(ports.Store, to, "application/dicom", (await DeidentifiedAsync(progress, parses, ct)).WriteTo, ct)));
            if (progress.Rendered is { } rendered)
                writes.Add((new ObjectLocation(bucket, rendered.Key), async to =>
                    await ports.Store.PutAsync(to, await RenderedImageAsync(progress, parses, ct)
                        ?? throw StepFailure.Permanent("missing-rendered-image", "The instance rendered no image"), rendered.ContentType, ct)));
        }

        // The writes are independent: they run at the same time.
        var written = await Task.WhenAll(writes.Select(async write =>
        {
            if (await outputs.ExistsAsync(write.To, ct)) return false;
            await write.Write(write.To);
            return true;
        }));
        return (progress with { Routing = decision, RoutedOutputs = writes.Select(w => w.To).ToList() }, writes.Count > 0 && !written.Any(w => w));
    }

    private async Task<(InstanceProgress, bool)> PublishAsync(InstanceProgress progress, Outputs outputs, CancellationToken ct)
    {
        var completed = progress with { Status = InstanceStatus.Completed };
        var result = InstanceResult.From(completed, pseudonyms);
        var deid = Require(progress.Deidentification, "de-identification");
        var location = new ObjectLocation(buckets.ProcessedBucket, deid.Failed
            ? PipelineKeys.Processed(pseudonyms.Pseudonym(progress.Item.StudyKey), "deidentification-failed", result.InstanceUid, "json")
            : PipelineKeys.Processed(deid.StudyUid, deid.SeriesUid, deid.InstanceUid, "json"));
        var exists = await outputs.ExistsAsync(location, ct);
        if (!exists)
            await ports.Store.PutAsync(location, JsonSerializer.SerializeToUtf8Bytes(result, PipelineJson.Default.InstanceResult), "application/json", ct);
        return (progress with { Result = location }, exists);
    }

    /// <summary>The upload, streamed once per run into a local file that the steps read only what they need of.</summary>
    private async Task<SpooledObject> SourceAsync(InstanceProgress progress, RunParses parses, CancellationToken ct)
    {
        if (parses.Source is { } spooled) return spooled;
        try
        {
            return parses.Source = await SpooledObject.DownloadAsync(ports.Store, progress.Item.Source, MaxSourceBytes, ct)
                                   ?? throw StepFailure.Transient("source-missing", "The uploaded object is not in the ingest bucket");
        }
        catch (ObjectTooLargeException e)
        {
            throw StepFailure.Permanent("source-too-large", e.Message, e);
        }
    }

    private async Task<DeidentifiedInstance> DeidentifiedAsync(InstanceProgress progress, RunParses parses, CancellationToken ct) =>
        parses.Deidentified ??= await ports.Deidentifier.DeidentifyFileAsync((await SourceAsync(progress, parses, ct)).Path, parses, ct);

    /// <returns>Null when the instance has nothing to render.</returns>
    private async Task<ReadOnlyMemory<byte>?> RenderedImageAsync(InstanceProgress progress, RunParses parses, CancellationToken ct) =>
        (parses.Rendered ??= new RenderedBytes(await ports.Renderer.RenderAsync(await DeidentifiedAsync(progress, parses, ct), parses, ct))).Image;

    private async Task<StrippedImage> StrippedImageAsync(InstanceProgress progress, InstanceMetadata metadata, RunParses parses, CancellationToken ct)
    {
        if (parses.Stripped is { } stripped) return stripped;
        var source = await SourceAsync(progress, parses, ct);
        var content = source.ReadAllBytes(MaxPlainImageBytes)
                      ?? throw StepFailure.Permanent("image-too-large", $"A plain image of {source.Length} bytes exceeds the {MaxPlainImageBytes} bytes accepted");
        try
        {
            return parses.Stripped = PlainImageMetadata.Strip(content, metadata.Kind);
        }
        catch (MalformedImageException e)
        {
            // Its message names the format and an offset, never content.
            throw StepFailure.Permanent("deidentification-failed", e.Message, e);
        }
    }

    private static string PlainImageKey(InstanceMetadata metadata, string study, string series, string instance) =>
        PipelineKeys.Processed(study, series, instance, metadata.Kind == InstanceKind.Png ? "png" : "jpg");

    private static string PlainImageContentType(InstanceMetadata metadata) => metadata.Kind == InstanceKind.Png ? "image/png" : "image/jpeg";

    private static DeidentificationOutcome FailedDeidentification(InstanceProgress progress, StepFailure failure) =>
        new(true, "", "", "", null, true, new Dictionary<string, int>(), failure.Code);

    private static string WorkKey(InstanceProgress progress, PipelineStep step) =>
        PipelineKeys.Work(progress.Item.StudyKey, progress.Item.InstanceKey, step);

    private static T Require<T>(T? value, string what) where T : class =>
        value ?? throw StepFailure.Permanent("missing-" + what.Replace(' ', '-'), $"The {what} of an earlier step is missing");

    [LoggerMessage(Level = LogLevel.Warning, Message = "Step {Step} attempt {Attempt} failed with {Code}; retrying in {DelaySeconds} s")]
    private static partial void LogRetry(ILogger logger, string step, int attempt, string code, int delaySeconds);

    [LoggerMessage(Level = LogLevel.Error, Message = "Step {Step} attempt {Attempt} failed for good with {Code} ({Kind})")]
    private static partial void LogFailure(ILogger logger, string step, int attempt, string code, string kind);
}
