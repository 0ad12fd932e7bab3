using MedImaging.Pipeline.Execution;
using MedImaging.Pipeline.Execution.Ports;
using MedImaging.Pipeline.Retries;
using MedImaging.Pipeline.Routing;
using MedImaging.Pipeline.Steps;
using MedImaging.Pipeline.Telemetry;

namespace MedImaging.Silo.Instances;

/// <summary>
/// Runs one instance's pipeline steps within a turn, until the instance finishes or a step waits for a retry.
/// Each run gets its own <see cref="RunParses"/>: the upload is streamed from S3 into a local file once per turn, not per
/// step, and a step reuses what an earlier one parsed or made; the file is deleted when the run ends.
/// Runs share nothing, so a turn may run several instances at once.
/// </summary>
public sealed class InstanceRunner(
    InstancePipelinePorts ports,
    Router router,
    RetryPolicy retryPolicy,
    PipelineBuckets buckets,
    Pseudonymizer pseudonyms,
    PipelineTelemetry telemetry,
    TimeProvider clock,
    ILogger<InstancePipeline> pipelineLogger)
{
    public const string ContentMismatchCode = "content-mismatch";

    /// <param name="expectedSha256">The upload's hash as the Api computed it: the validated bytes must be these.</param>
    /// <param name="firstDelivery">No earlier run of this instance can have written its outputs (see <see cref="InstancePipeline.RunStepAsync(InstanceProgress, bool, CancellationToken)"/>).</param>
    public async Task<InstanceRun> RunAsync(InstanceProgress progress, string expectedSha256, bool firstDelivery, CancellationToken cancellationToken)
    {
        var pipeline = new InstancePipeline(ports, router, retryPolicy, buckets, pseudonyms, telemetry, clock, pipelineLogger);
        using var parses = new RunParses();
        var timeline = new List<TimelineEntry>();
        while (!progress.IsFinished)
        {
            var run = await pipeline.RunStepAsync(progress, firstDelivery, parses, cancellationToken);
            progress = run.Progress;
            var entry = run.Entry;
            if (entry is { Step: PipelineStep.Validate, Outcome: StepOutcome.Succeeded } && progress.ContentSha256 != expectedSha256)
            {
                const string message = "The stored object's content hash differs from the uploaded one";
                progress = progress with { Status = InstanceStatus.Failed, NextStep = null, FailureCode = ContentMismatchCode, FailureMessage = message };
                entry = entry with { Outcome = StepOutcome.Failed, Error = $"{ContentMismatchCode}: {message}" };
            }
            timeline.Add(entry);
            if (entry.Outcome == StepOutcome.RetryScheduled)
                return new InstanceRun(progress, timeline, TimeSpan.FromSeconds(run.DelaySeconds));
        }
        return new InstanceRun(progress, timeline, null);
    }
}

/// <summary>What one run did: the progress to store, the steps it ran, and the delay before the next attempt if one waits.</summary>
public sealed record InstanceRun(InstanceProgress Progress, IReadOnlyList<TimelineEntry> Timeline, TimeSpan? RetryAfter);
