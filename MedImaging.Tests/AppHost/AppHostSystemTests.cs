using Microsoft.Extensions.DependencyInjection;
using System.Net;
using System.Net.Http.Headers;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using MedImaging.AppHost.Hosting;
using Amazon.SQS;
using Amazon.SQS.Model;
using MedImaging.Testing;
using MedImaging.Tests.Api.Web.Browser;
using MedImaging.Tests.AppHost.Emulators;
using MedImaging.Tests.TestHosting;

namespace MedImaging.Tests.AppHost;

/// <summary>The running app as ops and users meet it: resources, loopback-only emulators, one trace per upload, no PHI in telemetry, the redrive command.</summary>
[Collection(AwsEmulatorCollection.Name)]
public sealed class AppHostSystemTests(AwsEmulatorFixture fixture)
{
    private static readonly string[] PhiFiles = ["cr_mono1_ele_phi.dcm", "ct_jls81_14s_phi.dcm", "us_rgb_ele_pc1_phi.dcm", "mr_enh_mf10_deflate_phi.dcm"];

    private MedImagingApp App => fixture.App;

    [Fact]
    public async Task Every_resource_runs_and_the_stack_shows_its_outputs()
    {
        var model = App.App.Services.GetRequiredService<DistributedApplicationModel>();
        Assert.Subset(model.Resources.Select(r => r.Name).ToHashSet(), new HashSet<string> { "api", "aws", "dynamodb", "fauxqs", "silo" });
        foreach (var name in new[] { "dynamodb", "fauxqs", "aws", "silo", "api" })
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            var resource = await App.App.ResourceNotifications.WaitForResourceAsync(name, e => e.Snapshot.State?.Text == KnownResourceStates.Running, timeout.Token);
            Assert.NotEqual(Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Unhealthy, resource.Snapshot.HealthStatus);
        }
        var stack = model.Resources.OfType<AwsCdkStackResource>().Single();
        Assert.Empty(App.ResourceNames.MissingSettings());
        Assert.StartsWith("medimaging-ingest-", App.ResourceNames.IngestBucket);
        Assert.Contains(stack.Outputs, o => o.Key == "StudyTable" && o.Value == App.ResourceNames.StudyTable);
    }

    [Fact]
    public void No_emulator_listens_beyond_loopback()
    {
        var ports = new[] { App.AwsOptions.ServiceUrl.DynamoDb!, App.AwsOptions.ServiceUrl.S3! }.Select(u => new Uri(u).Port).ToList();
        var listeners = LoopbackListeners.ListeningSockets();
        foreach (var port in ports)
        {
            var bound = listeners.Where(l => l.Port == port).ToList();
            Assert.NotEmpty(bound);
            Assert.All(bound, l => Assert.True(IPAddress.IsLoopback(l.Address), $"port {port} listens on {l.Address}"));
        }
        // And from the machine's own network addresses, as another machine would try.
        foreach (var address in NetworkInterface.GetAllNetworkInterfaces().SelectMany(i => i.GetIPProperties().UnicastAddresses)
                     .Select(a => a.Address).Where(a => a.AddressFamily == AddressFamily.InterNetwork && !IPAddress.IsLoopback(a)))
        foreach (var port in ports)
        {
            using var client = new TcpClient();
            var error = Assert.ThrowsAny<SocketException>(() => client.Connect(address, port));
            Assert.Equal(SocketError.ConnectionRefused, error.SocketErrorCode);
        }
    }

    [Fact]
    public async Task An_upload_is_one_trace_from_the_api_through_the_silo_with_the_pipeline_metrics_and_no_phi_reaches_telemetry()
    {
        using var http = new HttpClient { BaseAddress = App.ApiBaseUrl };
        var phi = PhiFiles.SelectMany(f => CorpusPhi.ValuesOf(TestCorpus.File(f))).Distinct().ToList();
        Assert.NotEmpty(phi);
        var studies = new List<string>();
        foreach (var file in PhiFiles)
        {
            using var content = new ByteArrayContent(await File.ReadAllBytesAsync(TestCorpus.File(file)));
            content.Headers.ContentType = new MediaTypeHeaderValue("application/dicom");
            using var response = await http.PostAsync("/api/studies", content);
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            studies.Add(JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString()!);
        }
        foreach (var study in studies)
        {
            await WaitForAsync(async () => JsonDocument.Parse(await http.GetStringAsync($"/api/studies/{study}")).RootElement
                .GetProperty("status").GetString() is "completed" or "failed", TimeSpan.FromSeconds(90));
        }

        // One trace holds the upload's HTTP request in the Api and the Silo's work on it.
        await WaitForAsync(() => Task.FromResult(App.Telemetry.Spans().GroupBy(s => s.TraceId)
            .Any(t => t.Any(s => s.Service == "api" && s.Scope == "Microsoft.AspNetCore") && t.Any(s => s.Service == "silo"))), TimeSpan.FromSeconds(30),
            () => $"services seen: {string.Join(", ", App.Telemetry.Spans().Select(s => $"{s.Service}/{s.Scope}").Distinct())}; exports: {App.Telemetry.Exports.Count}");

        // The pipeline's metrics reach the dashboard's OTLP endpoint too.
        foreach (var metric in new[] { "medimaging.pipeline.instances.processed", "medimaging.pipeline.step.duration", "medimaging.queue.lag", "medimaging.silo.turns" })
        {
            await WaitForAsync(() => Task.FromResult(App.Telemetry.Received("/v1/metrics", metric)), TimeSpan.FromSeconds(30), () => $"no {metric} exported");
        }

        // Every exported log record, span and metric, searched word by word for every identifying value.
        var exported = App.Telemetry.Exports.Select(e => Encoding.UTF8.GetString(e.Body)).ToList();
        Assert.Contains(exported, e => e.Contains("silo", StringComparison.Ordinal));
        foreach (var value in phi)
        {
            Assert.DoesNotContain(exported, e => PhiText.ContainsWord(e, value));
        }
    }

    [Fact]
    public async Task A_dead_letter_turns_the_silo_degraded_in_the_dashboard_and_the_redrive_command_moves_it_back()
    {
        using var sqs = MedImaging.Aws.Configuration.AwsSdkClients.CreateSqs(App.AwsOptions);
        var study = $"2.25.{Random.Shared.NextInt64(1, long.MaxValue)}";
        // An ingest event no silo could handle, as the ingest queue's redrive policy leaves it: redriven to the ingest
        // queue, where it names an object that is not there (nothing to ingest).
        var body = "{\"Records\":[{\"eventName\":\"ObjectCreated:Put\",\"s3\":{\"bucket\":{\"name\":\"" + App.ResourceNames.IngestBucket
            + "\"},\"object\":{\"key\":\"drop/" + study + ".dcm\",\"size\":1}}}]}";
        await sqs.SendMessageAsync(App.ResourceNames.StudyDeadLetterQueueUrl, body);

        using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60)))
        {
            await App.App.ResourceNotifications.WaitForResourceAsync("silo",
                e => e.Snapshot.HealthStatus == Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Degraded, timeout.Token);
        }

        var result = await App.App.ResourceCommands.ExecuteCommandAsync("silo", DeadLetterCommandExtensions.CommandName);

        Assert.True(result.Success, result.Message);
        Assert.Contains("\"moved\":1", result.Message);
        var left = await sqs.AttributesAsync(App.ResourceNames.StudyDeadLetterQueueUrl);
        Assert.Equal("0", left["ApproximateNumberOfMessages"]);
        using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60)))
        {
            await App.App.ResourceNotifications.WaitForResourceAsync("silo",
                e => e.Snapshot.HealthStatus == Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Healthy, timeout.Token);
        }
    }

    private static async Task WaitForAsync(Func<Task<bool>> condition, TimeSpan timeout, Func<string>? describe = null)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"condition not met within {timeout}: {describe?.Invoke()}");
            await Task.Delay(200);
        }
    }
}
