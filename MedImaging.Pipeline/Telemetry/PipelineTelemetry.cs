using System.Diagnostics;
using System.Diagnostics.Metrics;
using MedImaging.Pipeline.Steps;

namespace MedImaging.Pipeline.Telemetry;

/// <summary>
/// The pipeline's spans and metrics. Tags carry step names, outcomes, classes and error codes only:
/// never UIDs, keys or anything else that could identify a patient.
/// </summary>
public sealed class PipelineTelemetry : IDisposable
{
    public const string Name = "MedImaging.Pipeline";

    public static readonly ActivitySource ActivitySource = new(Name);

    private readonly Counter<long> _instancesProcessed;
    private readonly Histogram<double> _stepDuration;
    private readonly Counter<long> _retries;
    private readonly Counter<long> _failures;

    public PipelineTelemetry(IMeterFactory? meterFactory = null)
    {
        Meter = meterFactory?.Create(Name) ?? new Meter(Name);
        _instancesProcessed = Meter.CreateCounter<long>("medimaging.pipeline.instances.processed", "{instance}", "Instances that finished the pipeline, by outcome");
        _stepDuration = Meter.CreateHistogram<double>("medimaging.pipeline.step.duration", "s", "Duration of one attempt of one step");
        _retries = Meter.CreateCounter<long>("medimaging.pipeline.step.retries", "{retry}", "Step attempts that failed transiently and were scheduled again");
        _failures = Meter.CreateCounter<long>("medimaging.pipeline.step.failures", "{failure}", "Step attempts that failed for good");
    }

    public Meter Meter { get; }

    public Activity? StartStep(PipelineStep step, int attempt)
    {
        var activity = ActivitySource.StartActivity($"pipeline {step.Slug()}", ActivityKind.Internal);
        activity?.SetTag("medimaging.step", step.Slug());
        activity?.SetTag("medimaging.attempt", attempt);
        return activity;
    }

    public void StepEnded(Activity? activity, PipelineStep step, StepOutcome outcome, TimeSpan duration, string? errorCode)
    {
        var outcomeName = outcome.ToString();
        activity?.SetTag("medimaging.outcome", outcomeName);
        if (errorCode is not null)
        {
            activity?.SetTag("error.type", errorCode);
            activity?.SetStatus(outcome == StepOutcome.RetryScheduled ? ActivityStatusCode.Unset : ActivityStatusCode.Error, errorCode);
        }

        var stepTag = new KeyValuePair<string, object?>("medimaging.step", step.Slug());
        _stepDuration.Record(duration.TotalSeconds, stepTag, new("medimaging.outcome", outcomeName));
        if (outcome == StepOutcome.RetryScheduled)
            _retries.Add(1, stepTag, new("error.type", errorCode));
        else if (outcome == StepOutcome.Failed)
            _failures.Add(1, stepTag, new("error.type", errorCode));
    }

    public void InstanceFinished(string outcome, string? destination) =>
        _instancesProcessed.Add(1, new("medimaging.outcome", outcome), new("medimaging.destination", destination ?? "none"));

    public void Dispose() => Meter.Dispose();
}
