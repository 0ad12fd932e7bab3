using System.Net;

namespace MedImaging.Tests.Silo.Publishing;

/// <summary>
/// A loopback HTTP socket standing in for SNS: answers the first <c>failures</c> requests with 500 InternalFailure
/// (SNS's Query-protocol error body), then forwards requests as they are to the real emulator.
/// </summary>
public sealed class FaultySnsProxy : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly HttpClient _upstream;
    private readonly int _failures;
    private readonly Task _serving;
    private int _requests;

    public FaultySnsProxy(Uri upstream, int failures)
    {
        _upstream = new HttpClient { BaseAddress = upstream };
        _failures = failures;
        var port = MedImaging.AppHost.Hosting.Ports.PickFree();
        Address = new Uri($"http://127.0.0.1:{port}/");
        _listener.Prefixes.Add(Address.ToString());
        _listener.Start();
        _serving = ServeAsync();
    }

    public Uri Address { get; }

    /// <summary>Requests received so far (refused and forwarded).</summary>
    public int Requests => Volatile.Read(ref _requests);

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try { context = await _listener.GetContextAsync(); }
            catch (Exception) { return; }
            try
            {
                await HandleAsync(context);
            }
            catch (Exception)
            {
                context.Response.Abort();
            }
        }
    }

    private async Task HandleAsync(HttpListenerContext context)
    {
        using var body = new MemoryStream();
        await context.Request.InputStream.CopyToAsync(body);
        if (Interlocked.Increment(ref _requests) <= _failures)
        {
            context.Response.StatusCode = 500;
            context.Response.ContentType = "text/xml";
            await context.Response.OutputStream.WriteAsync(
                "<ErrorResponse><Error><Type>Receiver</Type><Code>InternalFailure</Code><Message>injected</Message></Error></ErrorResponse>"u8.ToArray());
            context.Response.Close();
            return;
        }
        using var forward = new HttpRequestMessage(new HttpMethod(context.Request.HttpMethod), context.Request.RawUrl) { Content = new ByteArrayContent(body.ToArray()) };
        forward.Content.Headers.TryAddWithoutValidation("Content-Type", context.Request.ContentType);
        if (context.Request.Headers["Authorization"] is { } authorization) forward.Headers.TryAddWithoutValidation("Authorization", authorization);
        if (context.Request.Headers["X-Amz-Date"] is { } date) forward.Headers.TryAddWithoutValidation("X-Amz-Date", date);
        using var answer = await _upstream.SendAsync(forward);
        var bytes = await answer.Content.ReadAsByteArrayAsync();
        context.Response.StatusCode = (int)answer.StatusCode;
        context.Response.ContentType = answer.Content.Headers.ContentType?.ToString();
        await context.Response.OutputStream.WriteAsync(bytes);
        context.Response.Close();
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        await _serving.ContinueWith(_ => { }, TaskScheduler.Default);
        _upstream.Dispose();
    }
}
