using System.Text.Json;
using MedImaging.Pipeline.Analysis;
using MedImaging.Pipeline.Execution;
using MedImaging.Pipeline.Execution.Ports;
using MedImaging.Pipeline.Publishing;
using MedImaging.Pipeline.Publishing.Webhooks;
using MedImaging.Pipeline.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace MedImaging.Pipeline.Tests.Publishing;

public sealed class StudyPublisherTests
{
    [Fact]
    public async Task Report_notification_and_webhook_describe_the_study_without_its_identifiers()
    {
        var unused = new UnusedPorts();
        using var harness = new PipelineHarness(new CompositeInstanceReader(unused), unused, unused, new HeaderImageAnalyzer());
        var instances = new List<InstanceProgress>();
        foreach (var (key, bytes) in new[] { ("a", PlainImages.Png), ("b", PlainImages.Jpeg), ("c", "junk"u8.ToArray()) })
        {
            var item = await harness.UploadAsync("upload-77", key, bytes);
            instances.Add((await harness.Pipeline.RunUntilWaitAsync(InstanceProgress.Start(item), CancellationToken.None)).Progress);
        }

        string? received = null;
        string? signature = null;
        await using var receiver = await LocalHttpServer.StartAsync(app => app.MapPost("/hook", async (HttpContext context) =>
        {
            received = await new StreamReader(context.Request.Body).ReadToEndAsync();
            signature = context.Request.Headers[WebhookSignature.HeaderName];
            return Results.NoContent();
        }));
        var webhook = new WebhookSender(new HttpClient(), new WebhookOptions { Url = new Uri(receiver.Address, "hook"), Secret = "s" }, TimeProvider.System);
        var publisher = new StudyPublisher(harness.Store, PipelineHarness.Buckets, harness.Pseudonyms, webhook);

        var completedAt = DateTimeOffset.UtcNow;
        var publication = publisher.Prepare("upload-77", "completed", instances, completedAt);
        Assert.Null(await harness.Store.GetAsync(publication.ReportLocation, default));
        await publisher.WriteReportAsync(publication, CancellationToken.None);
        var webhookAttempt = await publisher.AttemptWebhookAsync(publication.DeliveryId, publication.NotificationJson, 1, CancellationToken.None);

        var study = harness.Pseudonyms.Pseudonym("upload-77");
        Assert.Equal(new Storage.ObjectLocation("processed", $"{study}/report.json"), publication.ReportLocation);
        var report = publication.Report;
        Assert.Equal((3, 2, 1), (report.InstanceCount, report.CompletedCount, report.FailedCount));
        Assert.Equal(new Dictionary<string, int> { ["general"] = 2 }, report.Routing);
        Assert.Single(report.Series);
        Assert.Equal(2, report.Series[0].InstanceCount);
        Assert.Equal(2, report.Deidentification.Deidentified);

        var stored = (await harness.Store.GetAsync(publication.ReportLocation, default))!;
        var reportJson = System.Text.Encoding.UTF8.GetString(stored.Content.Span);
        using (var doc = JsonDocument.Parse(reportJson))
        {
            Assert.Equal(study, doc.RootElement.GetProperty("studyUid").GetString());
            Assert.Equal(3, doc.RootElement.GetProperty("instances").GetArrayLength());
        }
        Assert.DoesNotContain("upload-77", reportJson);

        Assert.Equal(received, publication.NotificationJson);
        Assert.True(WebhookSignature.Verify("s", signature, System.Text.Encoding.UTF8.GetBytes(received!), DateTimeOffset.UtcNow, TimeSpan.FromMinutes(1)));
        using var notification = JsonDocument.Parse(publication.NotificationJson);
        Assert.Equal("StudyCompleted", notification.RootElement.GetProperty("type").GetString());
        Assert.Equal("completed", notification.RootElement.GetProperty("status").GetString());
        Assert.Equal(1, notification.RootElement.GetProperty("failedCount").GetInt32());
        Assert.Equal("processed", notification.RootElement.GetProperty("report").GetProperty("bucket").GetString());
        Assert.Equal(completedAt, notification.RootElement.GetProperty("completedAt").GetDateTimeOffset());
        Assert.True(webhookAttempt!.Delivery.Delivered);
        Assert.False(webhookAttempt.Retry.ShouldRetry);
    }

    [Fact]
    public async Task Every_preparation_of_the_same_completion_makes_the_same_bytes_and_without_its_report_the_notification_names_none()
    {
        var unused = new UnusedPorts();
        using var harness = new PipelineHarness(new CompositeInstanceReader(unused), unused, unused, new HeaderImageAnalyzer());
        var item = await harness.UploadAsync("upload-78", "a", PlainImages.Png);
        var instances = new List<InstanceProgress> { (await harness.Pipeline.RunUntilWaitAsync(InstanceProgress.Start(item), CancellationToken.None)).Progress };
        var publisher = new StudyPublisher(harness.Store, PipelineHarness.Buckets, harness.Pseudonyms, webhook: null);
        var completedAt = DateTimeOffset.UnixEpoch.AddDays(20_000);

        var first = publisher.Prepare("upload-78", "completed", instances, completedAt);
        var again = publisher.Prepare("upload-78", "completed", instances, completedAt);

        Assert.Equal(first.ReportJson.ToArray(), again.ReportJson.ToArray());
        Assert.Equal((first.NotificationJson, first.DeliveryId), (again.NotificationJson, again.DeliveryId));
        Assert.Null(await publisher.AttemptWebhookAsync(first.DeliveryId, first.NotificationJson, 1, CancellationToken.None));
        var withoutReport = StudyPublisher.WithoutReport(first);
        using var notification = JsonDocument.Parse(withoutReport.NotificationJson);
        Assert.Equal(JsonValueKind.Null, notification.RootElement.GetProperty("report").ValueKind);
        Assert.Equal(first.DeliveryId, withoutReport.DeliveryId);
    }

    [Fact]
    public void Labels_modalities_and_routing_are_aggregated_across_instances()
    {
        InstanceResult Result(string uid, string series, string modality, string destination, params (string, double)[] labels) =>
            new(uid, series, InstanceStatus.Completed, MedImaging.Pipeline.Metadata.InstanceKind.Dicom, modality, null, null,
                new AnalysisResult("header", "dicom-header", ImageClasses.Xray, labels.Select(l => new DetectedLabel(l.Item1, l.Item2)).ToList()),
                new MedImaging.Pipeline.Routing.RoutingDecision(Enum.Parse<MedImaging.Pipeline.Routing.Destination>(destination), "rule"), [],
                new DeidentificationSummary(false, false, new Dictionary<string, int> { ["X"] = 3, ["U"] = 2 }, null), null, null);

        var report = StudyReportBuilder.Build("2.25.1", "completed",
        [
            Result("2.25.3", "2.25.2", "cr", "Xray", ("X-Ray", 100), ("Body Part KNEE", 100)),
            Result("2.25.4", "2.25.2", "CR", "Xray", ("x-ray", 95)),
            Result("2.25.5", "2.25.9", "CT", "CtScan", ("CT Scan", 100)),
        ], DateTimeOffset.UnixEpoch);

        Assert.Equal(["CR", "CT"], report.Modalities);
        Assert.Equal([new SeriesSummary("2.25.2", "cr", 2), new SeriesSummary("2.25.9", "CT", 1)], report.Series);
        Assert.Equal(new LabelSummary("X-Ray", 2, 100), report.Labels[0]);
        Assert.Equal(new Dictionary<string, int> { ["ctscan"] = 1, ["xray"] = 2 }, report.Routing);
        Assert.Equal(new Dictionary<string, int> { ["U"] = 6, ["X"] = 9 }, report.Deidentification.ActionCounts);
    }
}
