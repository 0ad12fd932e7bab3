using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using MedImaging.Studies;
using MedImaging.Silo.Publishing;
using MedImaging.Tests.AppHost.Emulators;
using MedImaging.Tests.ServiceHosting;

namespace MedImaging.Tests.Silo.Publishing;

/// <summary>
/// A study completes whatever becomes of its notification and webhook, against a real Silo and Api: SNS refused twice
/// (a fault-injecting socket in front of the emulator) is published on the third attempt through delayed messages; a
/// webhook answering 500 for good fails after its last attempt; a topic that does not exist fails at once. Each outcome
/// is on the study item and in GET /api/studies/{id}, and nothing is dead-lettered.
/// </summary>
[Collection(AwsEmulatorCollection.Name)]
public sealed class StudyPublishingFailureTests(AwsEmulatorFixture emulators) : IAsyncLifetime
{
    private readonly SiloTestBed _bed = new(emulators);
    private readonly HttpListener _webhook = new();
    private readonly ConcurrentQueue<int> _webhookAnswers = new();
    private FaultySnsProxy? _sns;
    private ServiceProcess? _api;
    private Task _serving = Task.CompletedTask;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_api is not null) await _api.DisposeAsync();
        await _bed.DisposeAsync();
        if (_sns is not null) await _sns.DisposeAsync();
        if (_webhook.IsListening)
        {
            _webhook.Stop();
            await _serving.ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    [Fact]
    public async Task Sns_refused_twice_is_published_on_the_third_attempt_and_a_webhook_answering_500_fails_after_its_last()
    {
        _sns = new FaultySnsProxy(new Uri(emulators.AwsOptions.ServiceUrl.Sns!), failures: 2);
        var webhookUrl = StartWebhookAnswering500();
        await _bed.ProvisionAsync(new Dictionary<string, string>
        {
            ["MedImaging__Aws__ServiceUrl__Sns"] = _sns.Address.ToString(),
            ["MedImaging__Pipeline__Notification__Retry__MaxAttempts"] = "4",
            ["MedImaging__Pipeline__Notification__Retry__BaseDelay"] = "00:00:01",
            ["MedImaging__Pipeline__Notification__Retry__MaxDelay"] = "00:00:01",
            ["MedImaging__Pipeline__Webhook__Url"] = webhookUrl,
            ["MedImaging__Pipeline__Webhook__Secret"] = "s",
            ["MedImaging__Pipeline__Webhook__Retry__MaxAttempts"] = "3",
            ["MedImaging__Pipeline__Webhook__Retry__BaseDelay"] = "00:00:01",
            ["MedImaging__Pipeline__Webhook__Retry__MaxDelay"] = "00:00:01",
        });
        var listener = await _bed.SubscribeQueueAsync();
        var started = await Task.WhenAll(_bed.StartSiloAsync(), ServiceProcess.StartAsync("MedImaging.Api", _bed.Environment));
        _api = started[1];

        var (study, _) = await _bed.CompleteOneInstanceStudyAsync();
        var snapshot = await _bed.WaitForDeliveriesAsync(study, s => s.Notification?.Status == DeliveryStatus.Delivered && s.Webhook?.Status == DeliveryStatus.Failed);

        var notification = snapshot.Study.Notification!;
        Assert.Equal((3, 200, null), (notification.Attempts, notification.LastStatusCode, notification.Error));
        Assert.Equal(3, _sns.Requests);
        var published = await _bed.DrainAsync(listener, 2, TimeSpan.FromSeconds(3));
        Assert.Equal(notification.DeliveryId, JsonDocument.Parse(Assert.Single(published).Body).RootElement
            .GetProperty("MessageAttributes").GetProperty(StudyNotifier.DeliveryIdAttribute).GetProperty("Value").GetString());

        var webhook = snapshot.Study.Webhook!;
        Assert.Equal((3, 500, "webhook-rejected"), (webhook.Attempts, webhook.LastStatusCode, webhook.Error));
        Assert.Equal([500, 500, 500], _webhookAnswers);
        var events = snapshot.Study.Timeline!.Select(e => e.Event).ToList();
        Assert.Equal(2, events.Count(e => e == "notification-retrying"));
        Assert.Equal(2, events.Count(e => e == "webhook-retrying"));
        Assert.Contains("notification-delivered", events);
        Assert.Contains("webhook-failed", events);
        // Completion came first: the study was completed while both deliveries were still being retried.
        Assert.True(events.IndexOf(StudyStatus.Completed) < events.IndexOf("notification-delivered"));

        using var http = new HttpClient { BaseAddress = _api.BaseAddress };
        using var response = JsonDocument.Parse(await http.GetStringAsync($"/api/studies/{study}"));
        var root = response.RootElement;
        Assert.Equal(StudyStatus.Completed, root.GetProperty("status").GetString());
        Assert.Equal(("delivered", 3), (root.GetProperty("notification").GetProperty("status").GetString(), root.GetProperty("notification").GetProperty("attempts").GetInt32()));
        var shown = root.GetProperty("webhook");
        Assert.Equal(("failed", 3, 500, "webhook-rejected"), (shown.GetProperty("status").GetString(), shown.GetProperty("attempts").GetInt32(),
            shown.GetProperty("lastStatusCode").GetInt32(), shown.GetProperty("error").GetString()));
        Assert.Empty(await _bed.DrainAsync(_bed.Resources.StudyDeadLetterQueueUrl, 1, TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public async Task A_topic_that_does_not_exist_fails_the_notification_at_once_and_the_study_still_completes()
    {
        await _bed.ProvisionAsync(new Dictionary<string, string>
        {
            ["AWS__Resources__StudyEventsTopicArn"] = $"arn:aws:sns:us-east-1:000000000000:{AwsEmulatorFixture.UniqueName("missing")}",
        });
        await _bed.StartSiloAsync();

        var (study, _) = await _bed.CompleteOneInstanceStudyAsync();
        var snapshot = await _bed.WaitForDeliveriesAsync(study, s => s.Notification is not null);

        var notification = snapshot.Study.Notification!;
        Assert.Equal((DeliveryStatus.Failed, 1, 404, "sns-NotFound"), (notification.Status, notification.Attempts, notification.LastStatusCode, notification.Error));
        Assert.Null(snapshot.Study.Webhook);
        Assert.Contains(snapshot.Study.Timeline!, e => e is { Event: "notification-failed", Detail: "attempt 1: sns-NotFound" });
        Assert.Empty(await _bed.DrainAsync(_bed.Resources.StudyDeadLetterQueueUrl, 1, TimeSpan.FromSeconds(1)));
    }

    private string StartWebhookAnswering500()
    {
        var port = MedImaging.Tests.TestHosting.Ports.PickFree();
        _webhook.Prefixes.Add($"http://127.0.0.1:{port}/");
        _webhook.Start();
        _serving = Task.Run(async () =>
        {
            while (_webhook.IsListening)
            {
                HttpListenerContext context;
                try { context = await _webhook.GetContextAsync(); }
                catch (Exception) { return; }
                await context.Request.InputStream.CopyToAsync(Stream.Null);
                _webhookAnswers.Enqueue(500);
                context.Response.StatusCode = 500;
                context.Response.Close();
            }
        });
        return $"http://127.0.0.1:{port}/hooks/study";
    }
}
