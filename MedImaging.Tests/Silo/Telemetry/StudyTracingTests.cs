using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using MedImaging.Studies;
using MedImaging.Pipeline.Steps;
using MedImaging.Testing;
using MedImaging.Tests.AppHost.Emulators;
using MedImaging.Tests.ServiceDefaults;
using MedImaging.Tests.ServiceHosting;

namespace MedImaging.Tests.Silo.Telemetry;

/// <summary>
/// A real Api and Silo exporting to an OTLP receiver: an upload's request span, the Api's call to the study grain,
/// the grain's calls to workers and the pipeline's step spans are one trace; no metric carries the study's UID.
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
        _silo = await ServiceProcess.StartAsync("MedImaging.Silo", Environment("silo"));
        _api = await ServiceProcess.StartAsync("MedImaging.Api", Environment("api"));
    }

    public override async Task DisposeAsync()
    {
        await _api.DisposeAsync();
        await _silo.DisposeAsync();
        await _receiver.DisposeAsync();
        await base.DisposeAsync();
    }

    [Fact]
    public async Task An_upload_its_grain_calls_and_its_steps_share_one_trace()
    {
        using var http = new HttpClient { BaseAddress = _api.BaseAddress };
        using var body = new ByteArrayContent(await File.ReadAllBytesAsync(TestCorpus.File("study_knee_s1_01.dcm")));
        body.Headers.ContentType = new MediaTypeHeaderValue("application/dicom");
        using (var response = await http.PostAsync("/api/studies", body))
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        await WaitForAsync(async () => (await StudyTable.LoadAsync(KneeStudy))?.Study.Status is StudyStatus.Completed or StudyStatus.Failed,
            "the uploaded study never finished");
        // Stopping flushes the last spans and metrics.
        await Task.WhenAll(_api.StopAsync(TimeSpan.FromSeconds(10)), _silo.StopAsync(TimeSpan.FromSeconds(10)));

        var spans = _receiver.Spans();
        var upload = Assert.Single(spans, s => s.Service == "api" && s.Scope == "Microsoft.AspNetCore" && s.Name.StartsWith("POST", StringComparison.Ordinal));
        Assert.Equal("", upload.ParentSpanId);
        var trace = spans.Where(s => s.TraceId == upload.TraceId).ToList();
        // The Api's call to the study grain, the grain's call to a worker, and every pipeline step, in the upload's trace.
        Assert.Contains(trace, s => s.Service == "api" && s.Name.Contains("IStudyGrain", StringComparison.Ordinal));
        Assert.Contains(trace, s => s.Service == "silo" && s.Name.Contains("IInstanceWorkerGrain", StringComparison.Ordinal));
        var steps = trace.Where(s => s.Scope == "MedImaging.Pipeline").ToList();
        Assert.Equal(PipelineSteps.InOrder.Select(step => $"pipeline {step.Slug()}").Order(), steps.Select(s => s.Name).Distinct().Order());

        foreach (var metric in new[] { "medimaging.queue.lag", "medimaging.silo.turns", "medimaging.silo.turn.duration" })
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
