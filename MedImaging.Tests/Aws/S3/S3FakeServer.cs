using System.Net;
using MedImaging.Tests.TestHosting;

namespace MedImaging.Tests.Aws.S3;

/// <summary>A loopback HTTP server that answers each request with the given function, recording what it received.</summary>
public sealed class S3FakeServer : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Func<S3FakeRequest, S3FakeAnswer> _answer;
    private readonly Task _serving;
    private readonly List<S3FakeRequest> _received = [];

    public S3FakeServer(Func<S3FakeRequest, S3FakeAnswer> answer)
    {
        _answer = answer;
        Url = $"http://127.0.0.1:{Ports.PickFree()}";
        _listener.Prefixes.Add(Url + "/");
        _listener.Start();
        _serving = ServeAsync();
    }

    public string Url { get; }

    public IReadOnlyList<S3FakeRequest> Received
    {
        get { lock (_received) return [.. _received]; }
    }

    public static S3FakeAnswer Error(int status, string code) => new(status,
        System.Text.Encoding.UTF8.GetBytes($"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>{code}</Code><Message>test</Message><RequestId>1</RequestId></Error>"));

    public void Dispose()
    {
        _listener.Stop();
        _serving.ContinueWith(_ => { }, TaskScheduler.Default).Wait(TimeSpan.FromSeconds(5));
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try { context = await _listener.GetContextAsync(); }
            catch (Exception) { return; }
            using var body = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(body);
            var request = new S3FakeRequest(
                context.Request.HttpMethod, context.Request.RawUrl ?? "",
                context.Request.Headers.AllKeys.ToDictionary(k => k!.ToLowerInvariant(), k => context.Request.Headers[k]!),
                body.ToArray());
            lock (_received) _received.Add(request);
            var answer = _answer(request);
            context.Response.StatusCode = answer.Status;
            foreach (var (name, value) in answer.Headers ?? new Dictionary<string, string>()) context.Response.AddHeader(name, value);
            if (answer.Body.Length > 0 && request.Method != "HEAD")
            {
                context.Response.ContentType = answer.ContentType;
                context.Response.ContentLength64 = answer.Body.Length;
                await context.Response.OutputStream.WriteAsync(answer.Body);
            }
            context.Response.Close();
        }
    }
}

public sealed record S3FakeRequest(string Method, string RawUrl, IReadOnlyDictionary<string, string> Headers, byte[] Body);

public sealed record S3FakeAnswer(int Status, byte[] Body, IReadOnlyDictionary<string, string>? Headers = null, string ContentType = "application/xml");
