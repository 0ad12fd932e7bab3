using System.Collections.Concurrent;
using System.Net;
using System.Text;
using MedImaging.Studies;
using MedImaging.Pipeline.Publishing.Webhooks;
using MedImaging.Testing;
using MedImaging.Tests.AppHost.Emulators;

namespace MedImaging.Tests.Silo.Grains;

/// <summary>
/// Retries through delayed messages, against a real Silo: an upload that appears late is retried and then processed,
/// one that never appears fails after the last attempt and is dead-lettered while its study still completes, and the
/// study's webhook, refused once, is delivered signed on its next attempt.
/// </summary>
[Collection(AwsEmulatorCollection.Name)]
public sealed class StudyRetryTests(AwsEmulatorFixture emulators) : IAsyncLifetime
{
    private const string Secret = "webhook-test-secret";
    private readonly SiloTestBed _bed = new(emulators);
    private readonly HttpListener _listener = new();
    private readonly ConcurrentQueue<(DateTimeOffset At, string? Signature, string? Delivery, byte[] Body, int Status)> _deliveries = new();
    private Task _serving = Task.CompletedTask;

    public async Task InitializeAsync()
    {
        var port = MedImaging.Tests.TestHosting.Ports.PickFree();
        _listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        _listener.Start();
        _serving = ServeAsync();
        await _bed.ProvisionAsync(new Dictionary<string, string>
        {
            ["MedImaging__Pipeline__Webhook__Url"] = $"http://127.0.0.1:{port}/hooks/study",
            ["MedImaging__Pipeline__Webhook__Secret"] = Secret,
            ["MedImaging__Pipeline__Webhook__Retry__BaseDelay"] = "00:00:01",
            ["MedImaging__Pipeline__Webhook__Retry__MaxDelay"] = "00:00:02",
        });
        await _bed.StartSiloAsync();
    }

    public async Task DisposeAsync()
    {
        await _bed.DisposeAsync();
        _listener.Stop();
        await _serving.ContinueWith(_ => { }, TaskScheduler.Default);
    }

    // The first delivery is refused with 503 (worth a retry); later ones are accepted.
    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try { context = await _listener.GetContextAsync(); }
            catch (Exception) { return; }
            using var body = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(body);
            var status = _deliveries.IsEmpty ? 503 : 200;
            _deliveries.Enqueue((DateTimeOffset.UtcNow, context.Request.Headers[WebhookSignature.HeaderName],
                context.Request.Headers[WebhookSignature.DeliveryHeaderName], body.ToArray(), status));
            context.Response.StatusCode = status;
            context.Response.Close();
        }
    }

    [Fact]
    public async Task A_late_upload_is_retried_a_missing_one_fails_alone_and_the_webhook_is_retried_signed()
    {
        var study = $"2.25.{Random.Shared.NextInt64(1, long.MaxValue)}";
        var normal = await _bed.StoreCorpusFileAsync(study, $"{study}.1", "ct_ele_14s.dcm");
        var lateBytes = File.ReadAllBytes(TestCorpus.File("cr_mono1_ele_phi.dcm"));
        var late = _bed.Received(study, $"{study}.2", lateBytes);
        var missing = _bed.Received(study, $"{study}.3", File.ReadAllBytes(TestCorpus.File("study_knee_s1_01.dcm")));
        foreach (var message in new StudyMessage[] { normal, late, missing, new FinalizeStudy(study, 3, "client-1") })
            await _bed.SendAsync(message);

        // The late upload appears once its first attempt has been scheduled for a retry.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while ((await _bed.Table.LoadAsync(study))?.Instances.FirstOrDefault(i => i.InstanceId == late.InstanceId) is not { Steps: [{ Outcome: StepOutcome.Retrying }, ..] })
        {
            Assert.True(DateTime.UtcNow < deadline, "the late instance never scheduled a retry");
            await Task.Delay(100);
        }
        await _bed.StoreAsync(study, late.InstanceId, lateBytes);

        var completed = await _bed.WaitForStudyAsync(study, StudyStatus.Completed, TimeSpan.FromSeconds(90));

        var lateRecord = completed.Instances.Single(i => i.InstanceId == late.InstanceId);
        Assert.Equal(InstanceStatus.Done, lateRecord.Status);
        Assert.Equal(("validate", 1, StepOutcome.Retrying), (lateRecord.Steps![0].Step, lateRecord.Steps[0].Attempt, lateRecord.Steps[0].Outcome));
        Assert.StartsWith("source-missing", lateRecord.Steps[0].Error);
        Assert.Contains(lateRecord.Steps, s => s is { Step: "validate", Outcome: StepOutcome.Succeeded } && s.Attempt > 1);
        Assert.Single(await _bed.ListAsync(_bed.Resources.XrayBucket), o => o.Key.EndsWith(".dcm", StringComparison.Ordinal));

        var missingRecord = completed.Instances.Single(i => i.InstanceId == missing.InstanceId);
        Assert.Equal(InstanceStatus.Failed, missingRecord.Status);
        Assert.StartsWith("source-missing", missingRecord.Error);
        Assert.Equal([1, 2, 3, 4], missingRecord.Steps!.Select(s => s.Attempt));
        Assert.Equal([StepOutcome.Retrying, StepOutcome.Retrying, StepOutcome.Retrying, StepOutcome.Failed], missingRecord.Steps!.Select(s => s.Outcome));
        var dead = Assert.Single(await _bed.DrainAsync(_bed.Resources.StudyDeadLetterQueueUrl, 1, TimeSpan.FromSeconds(10)));
        Assert.Equal(missing, MedImaging.Silo.DeadLetters.DeadLetterMessages.TryReadInstance(dead.Body));
        Assert.Equal("source-missing", dead.MessageAttributes[MedImaging.Silo.DeadLetters.DeadLetterMessages.ReasonAttribute].StringValue);
        Assert.Equal(InstanceStatus.Done, completed.Instances.Single(i => i.InstanceId == normal.InstanceId).Status);

        // The webhook: refused once, then delivered; same delivery id and body, each attempt signed. Once the study
        // records the delivery, nothing is scheduled any more: no third attempt can come.
        deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while ((await _bed.Table.LoadAsync(study))!.Study is not { Webhook.Status: DeliveryStatus.Delivered, Scheduled: null or { Count: 0 } })
        {
            Assert.True(DateTime.UtcNow < deadline, $"{_deliveries.Count} webhook deliveries");
            await Task.Delay(100);
        }
        var deliveries = _deliveries.ToList();
        Assert.Equal([503, 200], deliveries.Select(d => d.Status));
        Assert.Single(deliveries.Select(d => d.Delivery).Distinct());
        Assert.Equal(deliveries[0].Body, deliveries[1].Body);
        Assert.All(deliveries, d => Assert.True(WebhookSignature.Verify(Secret, d.Signature, d.Body, d.At, TimeSpan.FromMinutes(1))));
        Assert.False(WebhookSignature.Verify("another-secret", deliveries[1].Signature, deliveries[1].Body, deliveries[1].At, TimeSpan.FromMinutes(1)));
        Assert.Contains("\"status\":\"completed\"", Encoding.UTF8.GetString(deliveries[1].Body));
        Assert.Contains((await _bed.Table.LoadAsync(study))!.Study.Timeline!, e => e.Event == "webhook-delivered");
        Assert.Equal(2, _deliveries.Count);
    }
}
