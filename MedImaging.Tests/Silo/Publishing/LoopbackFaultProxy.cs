using System.Collections.Concurrent;
using System.Net;

namespace MedImaging.Tests.Silo.Publishing;

/// <summary>
/// A loopback HTTP socket standing in for an AWS endpoint: each request is either answered with the error a subclass
/// injects or forwarded as it is (method, path, headers, body) to the real emulator, whose answer goes back unchanged.
/// </summary>
public abstract class LoopbackFaultProxy : IAsyncDisposable
{
    // Set by HttpClient from the content, or hop-by-hop: never copied.
    private static readonly HashSet<string> NotForwarded = new(StringComparer.OrdinalIgnoreCase)
    {
        "Host", "Content-Length", "Connection", "Expect", "Transfer-Encoding", "Keep-Alive",
    };

    private readonly HttpListener _listener = new();
    private readonly HttpClient _upstream;
    private readonly ConcurrentDictionary<Task, byte> _handling = new();
    private readonly Task _serving;

    // Nobody knows the address before the constructor returns, so no request reaches a subclass not yet constructed.
    protected LoopbackFaultProxy(Uri upstream)
    {
        _upstream = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }) { BaseAddress = upstream };
        Address = new Uri($"http://127.0.0.1:{MedImaging.Tests.TestHosting.Ports.PickFree()}/");
        _listener.Prefixes.Add(Address.ToString());
        _listener.Start();
        _serving = ServeAsync();
    }

    public Uri Address { get; }

    /// <returns>The error to answer instead of forwarding, or null to forward the request.</returns>
    protected abstract InjectedError? Intercept(HttpListenerRequest request);

    /// <summary>Called with the emulator's answer to a forwarded request.</summary>
    protected virtual void Forwarded(HttpListenerRequest request, HttpResponseMessage answer)
    {
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try { context = await _listener.GetContextAsync(); }
            catch (Exception) { break; }
            var handling = HandleOrAbortAsync(context);
            _handling.TryAdd(handling, 0);
            _ = handling.ContinueWith(t => _handling.TryRemove(t, out _), TaskScheduler.Default);
        }
        await Task.WhenAll(_handling.Keys);
    }

    private async Task HandleOrAbortAsync(HttpListenerContext context)
    {
        try
        {
            await HandleAsync(context);
        }
        catch (Exception)
        {
            context.Response.Abort();
        }
    }

    private async Task HandleAsync(HttpListenerContext context)
    {
        var request = context.Request;
        using var body = new MemoryStream();
        await request.InputStream.CopyToAsync(body);
        if (Intercept(request) is { } error)
        {
            context.Response.StatusCode = error.StatusCode;
            context.Response.ContentType = error.ContentType;
            await context.Response.OutputStream.WriteAsync(error.Body);
            context.Response.Close();
            return;
        }

        using var forward = new HttpRequestMessage(new HttpMethod(request.HttpMethod), request.RawUrl);
        if (body.Length > 0 || request.HttpMethod is "PUT" or "POST") forward.Content = new ByteArrayContent(body.ToArray());
        foreach (var name in request.Headers.AllKeys.OfType<string>().Where(n => !NotForwarded.Contains(n)))
        {
            var value = request.Headers[name];
            if (!forward.Headers.TryAddWithoutValidation(name, value)) forward.Content?.Headers.TryAddWithoutValidation(name, value);
        }
        using var answer = await _upstream.SendAsync(forward);
        var bytes = await answer.Content.ReadAsByteArrayAsync();
        Forwarded(request, answer);

        var response = context.Response;
        response.StatusCode = (int)answer.StatusCode;
        foreach (var (name, values) in answer.Headers.Concat(answer.Content.Headers).Where(h => !NotForwarded.Contains(h.Key)))
        {
            try { response.Headers[name] = string.Join(",", values); }
            catch (ArgumentException) { } // a header HttpListener sets itself
        }
        if (request.HttpMethod != "HEAD")
        {
            response.ContentLength64 = bytes.Length;
            await response.OutputStream.WriteAsync(bytes);
        }
        response.Close();
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        await _serving.ContinueWith(_ => { }, TaskScheduler.Default);
        _upstream.Dispose();
        GC.SuppressFinalize(this);
    }
}

/// <summary>An error answer a <see cref="LoopbackFaultProxy"/> gives instead of forwarding.</summary>
public sealed record InjectedError(int StatusCode, string ContentType, byte[] Body);
