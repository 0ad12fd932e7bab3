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
    public Task<StepRun> RunStepAsync(InstanceProgress progress, bool firstDelivery, CancellationToken cancellationToken) =>
        RunStepAsync(progress, firstDelivery, new RunParses(), cancellationToken);

    /// <param name="parses">What earlier steps of this run parsed (one per run: see <see cref="RunParses"/>).</param>
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
        var parses = new RunParses();
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
        PipelineStep.Deidentify => DeidentifyAsync(progress, outputs, parses, ct),
        PipelineStep.Render => RenderAsync(progress, outputs, parses, ct),
        PipelineStep.Analyze => AnalyzeAsync(progress, outputs, ct),
        PipelineStep.Route => RouteAsync(progress, outputs, ct),
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
        var source = await ReadSourceObjectAsync(progress, ct);
        var (_, findings) = ports.Reader.Validate(source.Content, parses);
        var errors = findings.Where(f => f.Severity == ValidationSeverity.Error).ToList();
        if (errors.Count > 0)
            throw StepFailure.Permanent("invalid-instance", string.Join("; ", errors.Select(f => $"{f.Code}: {f.Message}")));
        var hash = source.Sha256 ?? Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(source.Content.Span));
        return (progress with { ContentSha256 = hash, Findings = findings }, false);
    }

    private async Task<(InstanceProgress, bool)> ExtractMetadataAsync(InstanceProgress progress, RunParses parses, CancellationToken ct)
    {
        var source = await ReadSourceAsync(progress, ct);
        return (progress with { Metadata = ports.Reader.ExtractMetadata(source, parses) }, false);
    }

    private async Task<(InstanceProgress, bool)> DeidentifyAsync(InstanceProgress progress, Outputs outputs, RunParses parses, CancellationToken ct)
    {
        var metadata = Require(progress.Metadata, "metadata");
        if (!metadata.IsDicom)
        {
            // A plain image is named by pseudonyms; what it carries besides pixels (EXIF, XMP, text ...) is dropped.
            var study = pseudonyms.Pseudonym(progress.Item.StudyKey);
            var series = pseudonyms.Pseudonym(progress.Item.StudyKey + "/images");
            var instance = pseudonyms.Pseudonym($"{progress.Item.StudyKey}/{progress.Item.InstanceKey}");
            var cleanImage = PlainImageOutput(metadata, study, series, instance);
            var (removed, written) = await WriteStrippedImageAsync(progress, metadata, cleanImage, outputs, ct);
            var outcome = new DeidentificationOutcome(false, study, series, instance, cleanImage, false,
                new Dictionary<string, int> { ["Removed"] = removed });
            return (progress with { Deidentification = outcome }, !written);
        }

        var source = await ReadSourceAsync(progress, ct);
        var clean = await ports.Deidentifier.DeidentifyAsync(source, parses, ct);
        var output = new ObjectLocation(buckets.ProcessedBucket, PipelineKeys.Processed(clean.StudyUid, clean.SeriesUid, clean.InstanceUid, "dcm"));
        var exists = await outputs.ExistsAsync(output, ct);
        if (!exists)
            await ports.Store.PutAsync(output, clean.Content, "application/dicom", ct);
        var result = new DeidentificationOutcome(false, clean.StudyUid, clean.SeriesUid, clean.InstanceUid, output,
            clean.BurnedInPhiRisk, clean.ActionCounts);
        return (progress with { Deidentification = result }, exists);
    }

    private async Task<(InstanceProgress, bool)> RenderAsync(InstanceProgress progress, Outputs outputs, RunParses parses, CancellationToken ct)
    {
        var metadata = Require(progress.Metadata, "metadata");
        var deid = Require(progress.Deidentification, "de-identification");
        if (!metadata.IsDicom)
        {
            // The stripped image de-identification wrote is the rendered image (written here if that step predates it).
            var plain = PlainImageOutput(metadata, deid.StudyUid, deid.SeriesUid, deid.InstanceUid);
            if (deid.Output == plain)
                return (progress with { Rendered = new RenderedOutput(plain, PlainImageContentType(metadata)) }, false);
            var exists = await outputs.ExistsAsync(plain, ct);
            if (!exists) await WriteStrippedImageAsync(progress, metadata, plain, outputs, ct);
            return (progress with { Rendered = new RenderedOutput(plain, PlainImageContentType(metadata)) }, exists);
        }

        var target = new ObjectLocation(buckets.ProcessedBucket,
            PipelineKeys.Processed(deid.StudyUid, deid.SeriesUid, deid.InstanceUid, ports.Renderer.Extension));
        if (await outputs.ExistsAsync(target, ct))
            return (progress with { Rendered = new RenderedOutput(target, ports.Renderer.ContentType) }, true);

        var dicom = await ports.Store.GetAsync(Require(deid.Output, "de-identified output"), ct)
                    ?? throw StepFailure.Transient("deidentified-output-missing", "The de-identified file is not readable yet");
        var image = await ports.Renderer.RenderAsync(dicom.Content, parses, ct);
        if (image is null)
            return (progress with { Rendered = null }, false);
        await ports.Store.PutAsync(target, image.Value, ports.Renderer.ContentType, ct);
        return (progress with { Rendered = new RenderedOutput(target, ports.Renderer.ContentType) }, false);
    }

    private async Task<(InstanceProgress, bool)> AnalyzeAsync(InstanceProgress progress, Outputs outputs, CancellationToken ct)
    {
        var metadata = Require(progress.Metadata, "metadata");
        // No pixels to look at, or an analyzer that reads only the header: asked again, it answers the same for free.
        if (progress.Rendered is null || ports.Analyzer.IsDeterministicFromHeader)
        {
            var fromHeader = progress.Rendered is null
                ? HeaderImageAnalyzer.Classify(metadata)
                : await ports.Analyzer.AnalyzeAsync(new AnalysisRequest(metadata, ReadOnlyMemory<byte>.Empty, progress.Rendered.ContentType, progress.Rendered.Location), ct);
            return (progress with { Analysis = fromHeader }, false);
        }

        var work = new ObjectLocation(buckets.IngestBucket, WorkKey(progress, PipelineStep.Analyze));
        if (await outputs.GetEarlierAsync(work, ct) is { } earlier)
            return (progress with { Analysis = JsonSerializer.Deserialize(earlier.Content.Span, PipelineJson.Default.AnalysisResult) }, true);

        var image = await ports.Store.GetAsync(progress.Rendered.Location, ct)
                    ?? throw StepFailure.Transient("rendered-image-missing", "The rendered image is not readable yet");
        var result = await ports.Analyzer.AnalyzeAsync(
            new AnalysisRequest(metadata, image.Content, progress.Rendered.ContentType, progress.Rendered.Location), ct);

        // Kept so a redelivery does not pay for (or get a different answer from) a second analysis.
        await ports.Store.PutAsync(work, JsonSerializer.SerializeToUtf8Bytes(result, PipelineJson.Default.AnalysisResult), "application/json", ct);
        return (progress with { Analysis = result }, false);
    }

    private async Task<(InstanceProgress, bool)> RouteAsync(InstanceProgress progress, Outputs outputs, CancellationToken ct)
    {
        var metadata = Require(progress.Metadata, "metadata");
        var deid = Require(progress.Deidentification, "de-identification");
        var decision = router.Route(new RoutingInput(metadata, progress.Analysis, deid.Failed, deid.BurnedInPhiRisk));
        var bucket = buckets.For(decision.Destination);

        var copies = new List<(ObjectLocation From, ObjectLocation To)>();
        if (deid.Failed)
        {
            var key = PipelineKeys.QuarantinedOriginal(pseudonyms.Pseudonym(progress.Item.StudyKey),
                pseudonyms.Pseudonym($"{progress.Item.StudyKey}/{progress.Item.InstanceKey}"));
            copies.Add((progress.Item.Source, new ObjectLocation(bucket, key)));
        }
        else
        {
            if (deid.Output is { } dicom) copies.Add((dicom, dicom with { Bucket = bucket }));
            if (progress.Rendered is { } image) copies.Add((image.Location, image.Location with { Bucket = bucket }));
        }

        // A plain image's de-identified output is also its rendered image: one copy.
        copies = copies.DistinctBy(c => c.To).ToList();
        // The copies are independent: they run at the same time.
        var written = await Task.WhenAll(copies.Select(async copy =>
        {
            if (await outputs.ExistsAsync(copy.To, ct)) return false;
            await ports.Store.CopyAsync(copy.From, copy.To, ct);
            return true;
        }));
        return (progress with { Routing = decision, RoutedCopies = copies.Select(c => c.To).ToList() }, copies.Count > 0 && !written.Any(w => w));
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

    private async Task<ReadOnlyMemory<byte>> ReadSourceAsync(InstanceProgress progress, CancellationToken ct) =>
        (await ReadSourceObjectAsync(progress, ct)).Content;

    private async Task<StoredObject> ReadSourceObjectAsync(InstanceProgress progress, CancellationToken ct) =>
        await ports.Store.GetAsync(progress.Item.Source, ct)
        ?? throw StepFailure.Transient("source-missing", "The uploaded object is not in the ingest bucket");

    private ObjectLocation PlainImageOutput(InstanceMetadata metadata, string study, string series, string instance) =>
        new(buckets.ProcessedBucket, PipelineKeys.Processed(study, series, instance, metadata.Kind == InstanceKind.Png ? "png" : "jpg"));

    private static string PlainImageContentType(InstanceMetadata metadata) => metadata.Kind == InstanceKind.Png ? "image/png" : "image/jpeg";

    /// <returns>How many metadata segments or chunks were dropped, and whether the output was written now (false: it existed).</returns>
    private async Task<(int Removed, bool Written)> WriteStrippedImageAsync(InstanceProgress progress, InstanceMetadata metadata, ObjectLocation target, Outputs outputs, CancellationToken ct)
    {
        var source = await ReadSourceAsync(progress, ct);
        StrippedImage stripped;
        try
        {
            stripped = PlainImageMetadata.Strip(source.Span, metadata.Kind);
        }
        catch (MalformedImageException e)
        {
            // Its message names the format and an offset, never content.
            throw StepFailure.Permanent("deidentification-failed", e.Message, e);
        }
        if (await outputs.ExistsAsync(target, ct)) return (stripped.RemovedCount, false);
        await ports.Store.PutAsync(target, stripped.Content, PlainImageContentType(metadata), ct);
        return (stripped.RemovedCount, true);
    }

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
