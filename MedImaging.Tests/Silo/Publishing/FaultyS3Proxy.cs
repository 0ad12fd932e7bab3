using System.Collections.Concurrent;
using System.Net;

namespace MedImaging.Tests.Silo.Publishing;

/// <summary>
/// A loopback HTTP socket standing in for S3: forwards every request as it is to the real emulator, except PUTs of keys
/// ending with <c>keySuffix</c>, which it answers with 500 InternalError for the first <c>refusedWrites</c> writes. A write
/// is one call of the S3 client, told apart by its <c>amz-sdk-invocation-id</c> header, so the client's own quick
/// retries of a refused write are refused too and the caller sees the write fail.
/// </summary>
public sealed class FaultyS3Proxy : IAsyncDisposable
{
    private const string InvocationHeader = "amz-sdk-invocation-id";

    // Set by HttpClient from the content, or hop-by-hop: never copied.
    private static readonly HashSet<string> NotForwarded = new(StringComparer.OrdinalIgnoreCase)
    {
        "Host", "Content-Length", "Connection", "Expect", "Transfer-Encoding", "Keep-Alive",
    };

    private readonly HttpListener _listener = new();
    private readonly HttpClient _upstream;
    private readonly string _keySuffix;
    private readonly int _refusedWrites;
    private readonly ConcurrentDictionary<string, bool> _writes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<Task, byte> _handling = new();
    private readonly Task _serving;
    private int _forwardedWrites;

    public FaultyS3Proxy(Uri upstream, string keySuffix, int refusedWrites)
    {
        _upstream = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }) { BaseAddress = upstream };
        _keySuffix = keySuffix;
        _refusedWrites = refusedWrites;
        var port = MedImaging.AppHost.Hosting.Ports.PickFree();
        Address = new Uri($"http://127.0.0.1:{port}/");
        _listener.Prefixes.Add(Address.ToString());
        _listener.Start();
        _serving = ServeAsync();
    }

    public Uri Address { get; }

    /// <summary>Writes of a matching key that were refused (each with all its client-side retries).</summary>
    public int RefusedWrites => _writes.Count(w => !w.Value);

    /// <summary>Writes of a matching key that reached the emulator and it accepted.</summary>
    public int ForwardedWrites => Volatile.Read(ref _forwardedWrites);

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
        var write = request.HttpMethod == "PUT" && request.Url!.AbsolutePath.EndsWith(_keySuffix, StringComparison.Ordinal);
        if (write && Refuse(request.Headers[InvocationHeader] ?? Guid.NewGuid().ToString()))
        {
            context.Response.StatusCode = 500;
            context.Response.ContentType = "application/xml";
            await context.Response.OutputStream.WriteAsync(
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>InternalError</Code><Message>injected</Message><RequestId>1</RequestId></Error>"u8.ToArray());
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
        if (write && answer.IsSuccessStatusCode) Interlocked.Increment(ref _forwardedWrites);

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

    // The first refusedWrites distinct writes are refused in every request they make; later ones pass.
    private bool Refuse(string invocation)
    {
        lock (_writes)
        {
            if (_writes.TryGetValue(invocation, out var passes)) return !passes;
            var refuse = _writes.Count < _refusedWrites;
            _writes[invocation] = !refuse;
            return refuse;
        }
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        await _serving.ContinueWith(_ => { }, TaskScheduler.Default);
        _upstream.Dispose();
    }
}
