using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using MedImaging.Pipeline.Publishing.Webhooks;
using MedImaging.Pipeline.Retries;
using MedImaging.Pipeline.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace MedImaging.Pipeline.Tests.Publishing.Webhooks;

public sealed class WebhookSenderTests : IAsyncLifetime
{
    private const string Secret = "whsec-receiver";
    private readonly ConcurrentQueue<int> _script = new();
    private readonly ConcurrentQueue<(string? Delivery, bool Valid, string Body)> _received = new();
    private LocalHttpServer _receiver = null!;

    public async Task InitializeAsync() =>
        _receiver = await LocalHttpServer.StartAsync(app => app.MapPost("/hooks/study", ReceiveAsync));

    public async Task DisposeAsync() => await _receiver.DisposeAsync();

    /// <summary>Checks the signature the way a receiver written from our docs would: HMAC over "{t}." + body.</summary>
    private async Task ReceiveAsync(HttpContext context)
    {
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer);
        var body = buffer.ToArray();
        var header = context.Request.Headers[WebhookSignature.HeaderName].ToString();
        var parts = header.Split(',').Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p.Length > 1 ? p[1] : "");
        var expected = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret),
            Encoding.UTF8.GetBytes(parts.GetValueOrDefault("t", "") + ".").Concat(body).ToArray()));
        var valid = parts.GetValueOrDefault("v1") == expected
                    && Math.Abs(DateTimeOffset.UtcNow.ToUnixTimeSeconds() - long.Parse(parts["t"])) < 300;
        _received.Enqueue((context.Request.Headers[WebhookSignature.DeliveryHeaderName].ToString(), valid, Encoding.UTF8.GetString(body)));
        context.Response.StatusCode = !valid ? 401 : _script.TryDequeue(out var status) ? status : 204;
    }

    private WebhookSender Sender(Uri url, int maxAttempts = 4) => new(new HttpClient(), new WebhookOptions
    {
        Url = url,
        Secret = Secret,
        Timeout = TimeSpan.FromSeconds(5),
        Retry = new RetryOptions { MaxAttempts = maxAttempts, BaseDelay = TimeSpan.FromMilliseconds(20), MaxDelay = TimeSpan.FromMilliseconds(100) },
    }, TimeProvider.System);

    private Uri Hook => new(_receiver.Address, "hooks/study");

    [Fact]
    public async Task Delivers_a_body_the_receiver_can_verify()
    {
        var delivery = await Sender(Hook).DeliverAsync("study-1:completed:3", """{"type":"StudyCompleted"}"""u8.ToArray(), CancellationToken.None);

        Assert.Equal(new WebhookDelivery(true, 1, 204, null), delivery);
        var received = Assert.Single(_received);
        Assert.True(received.Valid);
        Assert.Equal("study-1:completed:3", received.Delivery);
        Assert.Equal("""{"type":"StudyCompleted"}""", received.Body);
    }

    [Fact]
    public async Task Retries_server_errors_and_throttling_with_the_same_delivery_id()
    {
        _script.Enqueue(503);
        _script.Enqueue(429);
        var delivery = await Sender(Hook).DeliverAsync("d-2", "{}"u8.ToArray(), CancellationToken.None);

        Assert.True(delivery.Delivered);
        Assert.Equal(3, delivery.Attempts);
        Assert.Equal(3, _received.Count);
        Assert.All(_received, r => Assert.Equal("d-2", r.Delivery));
        Assert.All(_received, r => Assert.True(r.Valid));
    }

    [Fact]
    public async Task Single_attempts_tell_the_caller_when_to_try_again()
    {
        _script.Enqueue(500);
        var sender = Sender(Hook, maxAttempts: 3);

        var first = await sender.AttemptAsync("d-6", "{}"u8.ToArray(), 1, CancellationToken.None);
        Assert.False(first.Delivery.Delivered);
        Assert.True(first.Retry.ShouldRetry);
        Assert.InRange(first.Retry.Delay.TotalMilliseconds, 10, 20);

        var second = await sender.AttemptAsync("d-6", "{}"u8.ToArray(), 2, CancellationToken.None);
        Assert.True(second.Delivery.Delivered);
        Assert.False(second.Retry.ShouldRetry);
        Assert.Equal(2, _received.Count);
    }

    [Fact]
    public async Task A_client_error_is_not_retried()
    {
        _script.Enqueue(410);
        var delivery = await Sender(Hook).DeliverAsync("d-3", "{}"u8.ToArray(), CancellationToken.None);

        Assert.False(delivery.Delivered);
        Assert.Equal(1, delivery.Attempts);
        Assert.Equal(410, delivery.LastStatusCode);
        Assert.False(delivery.Failure!.IsTransient);
    }

    [Fact]
    public async Task A_wrong_secret_is_rejected_by_the_receiver()
    {
        var sender = new WebhookSender(new HttpClient(), new WebhookOptions { Url = Hook, Secret = "not-the-secret" }, TimeProvider.System);
        var delivery = await sender.DeliverAsync("d-4", "{}"u8.ToArray(), CancellationToken.None);
        Assert.Equal(401, delivery.LastStatusCode);
        Assert.False(Assert.Single(_received).Valid);
    }

    [Fact]
    public async Task An_unreachable_receiver_is_retried_until_the_attempts_run_out()
    {
        var closed = _receiver.Address;
        await _receiver.DisposeAsync();
        var delivery = await Sender(new Uri(closed, "hooks/study"), maxAttempts: 3).DeliverAsync("d-5", "{}"u8.ToArray(), CancellationToken.None);

        Assert.False(delivery.Delivered);
        Assert.Equal(3, delivery.Attempts);
        Assert.Equal("webhook-unreachable", delivery.Failure!.Code);
        _receiver = await LocalHttpServer.StartAsync(app => app.MapPost("/hooks/study", ReceiveAsync));
    }
}
