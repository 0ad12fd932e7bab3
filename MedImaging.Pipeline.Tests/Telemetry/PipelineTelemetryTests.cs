using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using MedImaging.Pipeline.Analysis;
using MedImaging.Pipeline.Execution;
using MedImaging.Pipeline.Execution.Ports;
using MedImaging.Pipeline.Steps;
using MedImaging.Pipeline.Telemetry;
using MedImaging.Pipeline.Tests.Support;

namespace MedImaging.Pipeline.Tests.Telemetry;

public sealed class PipelineTelemetryTests
{
    [Fact]
    public async Task Every_step_gets_a_span_and_metrics_without_identifiers()
    {
        var unused = new UnusedPorts();
        var analyzer = new ScriptedAnalyzer(new HeaderImageAnalyzer(), StepFailure.Transient("analyzer-unavailable", "throttled"));
        using var harness = new PipelineHarness(new CompositeInstanceReader(unused), unused, unused, analyzer);

        var spans = new ConcurrentQueue<Activity>();
        using var parent = new Activity("test-root").Start();
        using var activityListener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == PipelineTelemetry.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = a => { if (a.TraceId == parent.TraceId) spans.Enqueue(a); },
        };
        ActivitySource.AddActivityListener(activityListener);

        var measurements = new ConcurrentQueue<(string Instrument, double Value, Dictionary<string, object?> Tags)>();
        using var meterListener = new MeterListener
        {
            InstrumentPublished = (instrument, listener) =>
            {
                if (ReferenceEquals(instrument.Meter, harness.Telemetry.Meter)) listener.EnableMeasurementEvents(instrument);
            },
        };
        meterListener.SetMeasurementEventCallback<long>((i, v, tags, _) => measurements.Enqueue((i.Name, v, ToDictionary(tags))));
        meterListener.SetMeasurementEventCallback<double>((i, v, tags, _) => measurements.Enqueue((i.Name, v, ToDictionary(tags))));
        meterListener.Start();

        var item = await harness.UploadAsync("1.2.3.4.study", "1.2.3.4.5.instance", PlainImages.Png);
        var (waiting, _) = await harness.Pipeline.RunUntilWaitAsync(InstanceProgress.Start(item), CancellationToken.None);
        await harness.Pipeline.RunUntilWaitAsync(waiting, CancellationToken.None);

        Assert.Equal(8, spans.Count); // seven steps plus the analyze retry
        Assert.Equal(["pipeline validate", "pipeline extract-metadata", "pipeline deidentify", "pipeline render", "pipeline analyze", "pipeline analyze", "pipeline route", "pipeline publish"],
            spans.Select(s => s.DisplayName));
        var retried = spans.ElementAt(4);
        Assert.Equal("RetryScheduled", retried.GetTagItem("medimaging.outcome"));
        Assert.Equal("analyzer-unavailable", retried.GetTagItem("error.type"));

        Assert.Equal(8, measurements.Count(m => m.Instrument == "medimaging.pipeline.step.duration"));
        var retry = Assert.Single(measurements, m => m.Instrument == "medimaging.pipeline.step.retries");
        Assert.Equal("analyze", retry.Tags["medimaging.step"]);
        var processed = Assert.Single(measurements, m => m.Instrument == "medimaging.pipeline.instances.processed");
        Assert.Equal(("completed", "General"), (processed.Tags["medimaging.outcome"], processed.Tags["medimaging.destination"]));
        Assert.DoesNotContain(measurements, m => m.Instrument == "medimaging.pipeline.step.failures");

        var everyTag = spans.SelectMany(s => s.TagObjects.Select(t => t.Value?.ToString()))
            .Concat(measurements.SelectMany(m => m.Tags.Values.Select(v => v?.ToString())))
            .Concat(spans.Select(s => s.DisplayName));
        Assert.DoesNotContain(everyTag, v => v is not null && v.Contains("1.2.3.4", StringComparison.Ordinal));
    }

    private static Dictionary<string, object?> ToDictionary(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var result = new Dictionary<string, object?>();
        foreach (var tag in tags) result[tag.Key] = tag.Value;
        return result;
    }
}
