using System.Text.Json;
using MedImaging.Studies;
using MedImaging.Tests.AppHost.Emulators;
using MedImaging.Tests.ServiceHosting;

namespace MedImaging.Tests.Silo.Publishing;

/// <summary>
/// A study completes whatever S3 answers to its report write, against a real Silo (and Api) over the emulators, with a
/// fault-injecting socket in front of S3 that refuses report writes: refused twice, the report is written once on the
/// third attempt through delayed messages and only then is the notification published, naming it; refused for good, the
/// report fails after its last attempt and the notification goes out naming no report. The study is completed by the
/// turn that finished it either way, its report status is on the study item and in GET /api/studies/{id}, and nothing
/// is dead-lettered.
/// </summary>
[Collection(AwsEmulatorCollection.Name)]
public sealed class StudyReportFailureTests(AwsEmulatorFixture emulators) : IAsyncLifetime
{
    private readonly SiloTestBed _bed = new(emulators);
    private FaultyS3Proxy? _s3;
    private ServiceProcess? _api;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_api is not null) await _api.DisposeAsync();
        await _bed.DisposeAsync();
        if (_s3 is not null) await _s3.DisposeAsync();
    }

    [Fact]
    public async Task A_report_refused_twice_is_written_once_on_the_third_attempt_after_the_study_completed_and_then_notified()
    {
        var listener = await StartAsync(refusedWrites: 2, maxAttempts: 4);

        var (study, completed) = await _bed.CompleteOneInstanceStudyAsync();
        // Completion did not wait for the report: the study was saved completed while its report was being retried.
        Assert.Equal((DeliveryStatus.Retrying, (string?)null, (DeliveryStatus?)null), (completed.Study.ReportDelivery?.Status, completed.Study.ReportKey, completed.Study.Notification));
        var snapshot = await _bed.WaitForDeliveriesAsync(study, s => s.Notification is not null);

        var report = snapshot.Study.ReportDelivery!;
        Assert.Equal((DeliveryStatus.Delivered, 3, null), (report.Status, report.Attempts, report.Error));
        Assert.Equal((2, 1), (_s3!.RefusedWrites, _s3.ForwardedWrites));
        using (var stored = JsonDocument.Parse(await _bed.ReadAsync(_bed.Resources.ProcessedBucket, snapshot.Study.ReportKey!)))
            Assert.Equal(1, stored.RootElement.GetProperty("instanceCount").GetInt32());
        var events = snapshot.Study.Timeline!.Select(e => e.Event).ToList();
        Assert.Equal([StudyStatus.Completed, "report-retrying", "report-retrying", "report-delivered", "published"], events.SkipWhile(e => e != StudyStatus.Completed));
        Assert.Single(events, StudyStatus.Completed);

        Assert.Equal((DeliveryStatus.Delivered, 1), (snapshot.Study.Notification!.Status, snapshot.Study.Notification.Attempts));
        var notification = await PublishedNotificationAsync(listener);
        Assert.Equal((_bed.Resources.ProcessedBucket, snapshot.Study.ReportKey),
            (notification.GetProperty("report").GetProperty("bucket").GetString(), notification.GetProperty("report").GetProperty("key").GetString()));
        Assert.Empty(await _bed.DrainAsync(_bed.Resources.StudyDeadLetterQueueUrl, 1, TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public async Task A_report_refused_for_good_fails_after_its_last_attempt_and_the_notification_names_no_report()
    {
        var listener = await StartAsync(refusedWrites: int.MaxValue, maxAttempts: 2, withApi: true);

        var (study, _) = await _bed.CompleteOneInstanceStudyAsync();
        var snapshot = await _bed.WaitForDeliveriesAsync(study, s => s.Notification is not null);

        var report = snapshot.Study.ReportDelivery!;
        Assert.Equal((DeliveryStatus.Failed, 2, 500, "storage-unavailable"), (report.Status, report.Attempts, report.LastStatusCode, report.Error));
        Assert.Equal((2, 0), (_s3!.RefusedWrites, _s3.ForwardedWrites));
        Assert.Null(snapshot.Study.ReportKey);
        Assert.Equal(StudyStatus.Completed, snapshot.Study.Status);
        Assert.Contains(snapshot.Study.Timeline!, e => e is { Event: "report-failed", Detail: "attempt 2: storage-unavailable" });
        var notification = await PublishedNotificationAsync(listener);
        Assert.Equal(JsonValueKind.Null, notification.GetProperty("report").ValueKind);
        Assert.Equal(StudyStatus.Completed, notification.GetProperty("status").GetString());

        using var http = new HttpClient { BaseAddress = _api!.BaseAddress };
        using var response = JsonDocument.Parse(await http.GetStringAsync($"/api/studies/{study}"));
        var root = response.RootElement;
        Assert.Equal(StudyStatus.Completed, root.GetProperty("status").GetString());
        Assert.False(root.TryGetProperty("report", out var link) && link.ValueKind != JsonValueKind.Null);
        var shown = root.GetProperty("reportDelivery");
        Assert.Equal(("failed", 2, 500, "storage-unavailable"), (shown.GetProperty("status").GetString(), shown.GetProperty("attempts").GetInt32(),
            shown.GetProperty("lastStatusCode").GetInt32(), shown.GetProperty("error").GetString()));
        Assert.Empty(await _bed.DrainAsync(_bed.Resources.StudyDeadLetterQueueUrl, 1, TimeSpan.FromSeconds(1)));
    }

    /// <returns>A queue subscribed to the study events topic.</returns>
    private async Task<string> StartAsync(int refusedWrites, int maxAttempts, bool withApi = false)
    {
        _s3 = new FaultyS3Proxy(new Uri(emulators.AwsOptions.ServiceUrl.S3!), "/report.json", refusedWrites);
        await _bed.ProvisionAsync(new Dictionary<string, string>
        {
            ["MedImaging__Aws__ServiceUrl__S3"] = _s3.Address.ToString(),
            ["MedImaging__Pipeline__Report__Retry__MaxAttempts"] = maxAttempts.ToString(System.Globalization.CultureInfo.InvariantCulture),
            // Two seconds between attempts: long enough for the test to see the completed study before its report is written.
            ["MedImaging__Pipeline__Report__Retry__BaseDelay"] = "00:00:02",
            ["MedImaging__Pipeline__Report__Retry__MaxDelay"] = "00:00:02",
        });
        var listener = await _bed.SubscribeQueueAsync();
        await _bed.StartSiloAsync();
        // The Api reads the study from DynamoDB and presigns against the real emulator: it does not go through the proxy.
        if (withApi)
        {
            var environment = new Dictionary<string, string>(_bed.Environment) { ["MedImaging__Aws__ServiceUrl__S3"] = emulators.AwsOptions.ServiceUrl.S3! };
            _api = await ServiceProcess.StartAsync("MedImaging.Api", environment);
        }
        return listener;
    }

    private async Task<JsonElement> PublishedNotificationAsync(string listener)
    {
        var published = await _bed.DrainAsync(listener, 2, TimeSpan.FromSeconds(3));
        using var envelope = JsonDocument.Parse(Assert.Single(published).Body);
        return JsonDocument.Parse(envelope.RootElement.GetProperty("Message").GetString()!).RootElement.Clone();
    }
}
