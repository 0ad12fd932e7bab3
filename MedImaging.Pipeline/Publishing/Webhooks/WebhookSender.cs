using System.Net;
using System.Net.Http.Headers;
using MedImaging.Pipeline.Retries;
using MedImaging.Pipeline.Steps;

namespace MedImaging.Pipeline.Publishing.Webhooks;

/// <summary>
/// POSTs a signed JSON payload to the configured webhook, retrying 408, 429, 5xx and network failures
/// with the retry policy. The delivery id is deterministic so a receiver can drop duplicates.
/// </summary>
public sealed class WebhookSender(HttpClient httpClient, WebhookOptions options, TimeProvider timeProvider)
{
    private readonly RetryPolicy _retry = new(options.Retry);

    public bool IsConfigured => options.Url is not null;

    /// <summary>
    /// One attempt, for callers that retry through durable delayed messages instead of waiting here:
    /// when <see cref="WebhookAttempt.Retry"/> says so, try again after its delay with attempt + 1.
    /// </summary>
    public async Task<WebhookAttempt> AttemptAsync(string deliveryId, ReadOnlyMemory<byte> jsonBody, int attempt, CancellationToken cancellationToken)
    {
        var url = options.Url ?? throw new InvalidOperationException("No webhook URL is configured");
        var (status, failure) = await SendOnceAsync(url, deliveryId, jsonBody, cancellationToken);
        var retry = failure is null
            ? RetryDecision.GiveUp
            : _retry.Decide(failure, attempt, RetryPolicy.DeterministicJitter(deliveryId, attempt));
        return new WebhookAttempt(new WebhookDelivery(failure is null, attempt, status, failure), retry);
    }

    /// <summary>Delivers with in-process retries (short delays from <see cref="WebhookOptions.Retry"/>).</summary>
    public async Task<WebhookDelivery> DeliverAsync(string deliveryId, ReadOnlyMemory<byte> jsonBody, CancellationToken cancellationToken)
    {
        var url = options.Url ?? throw new InvalidOperationException("No webhook URL is configured");
        for (var attempt = 1; ; attempt++)
        {
            var (status, failure) = await SendOnceAsync(url, deliveryId, jsonBody, cancellationToken);
            if (failure is null)
                return new WebhookDelivery(true, attempt, status, null);

            var decision = _retry.Decide(failure, attempt, RetryPolicy.DeterministicJitter(deliveryId, attempt));
            if (!decision.ShouldRetry)
                return new WebhookDelivery(false, attempt, status, failure);
            await Task.Delay(decision.Delay, timeProvider, cancellationToken);
        }
    }

    private async Task<(int? Status, StepFailure? Failure)> SendOnceAsync(Uri url, string deliveryId, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ReadOnlyMemoryContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add(WebhookSignature.HeaderName, WebhookSignature.Compute(options.Secret, timeProvider.GetUtcNow(), body.Span));
        request.Headers.Add(WebhookSignature.DeliveryHeaderName, deliveryId);

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Timeout);
        try
        {
            using var response = await httpClient.SendAsync(request, timeout.Token);
            var status = (int)response.StatusCode;
            if (response.IsSuccessStatusCode) return (status, null);
            var transient = status >= 500 || response.StatusCode is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests;
            return (status, new StepFailure(transient ? FailureKind.Transient : FailureKind.Permanent,
                "webhook-rejected", $"Webhook answered {status}"));
        }
        catch (HttpRequestException e)
        {
            return (null, StepFailure.Transient("webhook-unreachable", "Webhook could not be reached", e));
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            return (null, StepFailure.Transient("webhook-timeout", "Webhook did not answer in time", e));
        }
    }
}
