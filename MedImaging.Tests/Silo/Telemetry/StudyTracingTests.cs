using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using MedImaging.Aws.Studies;
using MedImaging.Aws.StudyQueue;
using MedImaging.Pipeline.Steps;
using MedImaging.Testing;
using MedImaging.Tests.AppHost.Emulators;
using MedImaging.Tests.ServiceDefaults;
using MedImaging.Tests.ServiceHosting;

namespace MedImaging.Tests.Silo.Telemetry;

/// <summary>
/// A real Api and Silo exporting to an OTLP receiver: an upload's request span, the Api's send to the queue, the
/// Silo's turn spans (and the pipeline's step spans) are one trace; a delayed message keeps its sender's trace
/// through the timer queue; the Silo's queue metrics are exported without study keys or UIDs.
/// </summary>
[Collection(AwsEmulatorCollection.Name)]
public sealed class StudyTracingTests(AwsEmulatorFixture emulators) : ProvisionedAwsTest(emulators)
{
    private const string KneeStudy = "2.25.134899623431820889591957761799300653684";
    private OtlpReceiver _receiver = null!;
    private ServiceProcess _api = null!;
    private ServiceProcess _silo = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _receiver = await OtlpReceiver.StartAsync();
        var services = await Task.WhenAll(
            ServiceProcess.StartAsync("MedImaging.Api", Environment("api")),
            ServiceProcess.StartAsync("MedImaging.Silo", Environment("silo")));
        (_api, _silo) = (services[0], services[1]);
    }

    public override async Task DisposeAsync()
    {
        await _api.DisposeAsync();
        await _silo.DisposeAsync();
        await _receiver.DisposeAsync();
        await base.DisposeAsync();
    }

    [Fact]
    public async Task Upload_queue_turns_and_steps_share_one_trace_and_a_delayed_message_keeps_its_senders_trace()
    {
        using var http = new HttpClient { BaseAddress = _api.BaseAddress };
        using var body = new ByteArrayContent(await File.ReadAllBytesAsync(TestCorpus.File("study_knee_s1_01.dcm")));
        body.Headers.ContentType = new MediaTypeHeaderValue("application/dicom");
        using (var response = await http.PostAsync("/api/studies", body))
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        await WaitForAsync(async () => (await StudyTable.LoadAsync(KneeStudy))?.Study.Status is StudyStatus.Completed or StudyStatus.Failed,
            "the uploaded study never finished");

        // A delayed message (as a retry would be) sent within a trace of our own.
        using var sender = new Activity("delayed-sender").SetIdFormat(ActivityIdFormat.W3C).Start();
        sender.ActivityTraceFlags = ActivityTraceFlags.Recorded; // sampled, or the services' parent-based sampler drops it
        await new SqsStudyQueue(Aws.Sqs, Resources).SendAsync(new FinalizeStudy(KneeStudy, null, "delayed"), TimeSpan.FromSeconds(2));
        sender.Stop();
        await WaitForAsync(() => Task.FromResult(_receiver.Spans().Any(s => s.Service == "silo" && s.TraceId == sender.TraceId.ToHexString()
            && s.Name == "StudyGrain.FinalizeStudy")), "the delayed message's turn span was not exported");
        // Stopping flushes the last spans and metrics.
        await Task.WhenAll(_api.StopAsync(TimeSpan.FromSeconds(10)), _silo.StopAsync(TimeSpan.FromSeconds(10)));

        var spans = _receiver.Spans();
        var send = spans.First(s => s.Service == "api" && s.Name == "SQS.SendMessage");
        var upload = Assert.Single(spans, s => s.TraceId == send.TraceId && s.ParentSpanId == "");
        Assert.Equal(("api", "Microsoft.AspNetCore"), (upload.Service, upload.Scope));
        var turns = spans.Where(s => s.Service == "silo" && s.Name.StartsWith("StudyGrain.", StringComparison.Ordinal)).ToList();
        // The upload finalizes its study in the instance's own turn: no turn of its own for the finalize.
        Assert.Single(turns, s => s.Name == "StudyGrain.InstanceReceived" && s.TraceId == upload.TraceId);
        Assert.DoesNotContain(turns, s => s.Name == "StudyGrain.FinalizeStudy" && s.TraceId == upload.TraceId);
        var steps = spans.Where(s => s.Scope == "MedImaging.Pipeline").ToList();
        Assert.Equal(PipelineSteps.InOrder.Select(step => $"pipeline {step.Slug()}").Order(), steps.Select(s => s.Name).Distinct().Order());
        Assert.All(steps, s => Assert.Equal(upload.TraceId, s.TraceId));

        var forward = Assert.Single(spans, s => s.Name == "study timer forward");
        Assert.Equal((sender.TraceId.ToHexString(), sender.SpanId.ToHexString()), (forward.TraceId, forward.ParentSpanId));
        var delayedTurn = Assert.Single(turns, s => s.TraceId == forward.TraceId);
        Assert.Equal(("StudyGrain.FinalizeStudy", forward.SpanId), (delayedTurn.Name, delayedTurn.ParentSpanId));

        foreach (var metric in new[] { "medimaging.queue.lag", "medimaging.silo.turns", "medimaging.silo.turn.duration", "medimaging.silo.timers" })
            Assert.True(_receiver.Received("/v1/metrics", metric), $"{metric} was not exported");
        Assert.DoesNotContain(_receiver.Exports.Where(e => e.Path == "/v1/metrics"),
            e => Encoding.UTF8.GetString(e.Body).Contains(KneeStudy, StringComparison.Ordinal));
    }

    private Dictionary<string, string> Environment(string serviceName)
    {
        var environment = Aws.ServiceEnvironment(Resources);
        environment["OTEL_EXPORTER_OTLP_ENDPOINT"] = _receiver.BaseAddress.ToString();
        environment["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf";
        environment["OTEL_SERVICE_NAME"] = serviceName;
        environment["OTEL_METRIC_EXPORT_INTERVAL"] = "1000";
        environment["OTEL_BSP_SCHEDULE_DELAY"] = "200";
        environment["Logging__LogLevel__MedImaging.Silo"] = "Debug";
        return environment;
    }

    private async Task WaitForAsync(Func<Task<bool>> condition, string failure)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"{failure}; spans:\n{string.Join('\n', _receiver.Spans().Select(s => $"{s.Service} {s.Scope} {s.Name} {s.TraceId} {s.SpanId} <- {s.ParentSpanId}"))}"
                + $"\nsilo:\n{string.Join('\n', _silo.Output.Where(l => l.Contains("MedImaging.Silo")).Select(l => l[..Math.Min(l.Length, 300)]))}");
            await Task.Delay(200);
        }
    }
}
