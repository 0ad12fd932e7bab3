using System.Collections.Concurrent;
using MedImaging.Pipeline.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace MedImaging.Pipeline.Tests.Analysis.Rekognition;

/// <summary>
/// A local stand-in for Rekognition on a real socket. It checks every request's SigV4 signature by
/// recomputing it, then answers with the next scripted response (or a default X-ray label set).
/// </summary>
public sealed class RekognitionFake : IAsyncDisposable
{
    public const string AccessKey = "AKIDEXAMPLE";
    public const string SecretKey = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
    public const string DefaultLabels = """{"Labels":[{"Name":"X-Ray","Confidence":97.25,"Parents":[]},{"Name":"Person","Confidence":62.5}],"LabelModelVersion":"3.0"}""";

    private readonly SigV4Verifier _verifier = new(AccessKey, SecretKey, "us-east-1", "rekognition");
    private readonly ConcurrentQueue<(int Status, string Body)> _script = new();
    private LocalHttpServer? _server;

    public ConcurrentQueue<ReceivedRequest> Received { get; } = new();

    public Uri Address => _server!.Address;

    public static async Task<RekognitionFake> StartAsync()
    {
        var fake = new RekognitionFake();
        fake._server = await LocalHttpServer.StartAsync(app => app.MapPost("/", fake.HandleAsync));
        return fake;
    }

    public void Enqueue(int status, string body) => _script.Enqueue((status, body));

    public void EnqueueError(int status, string errorType, string message = "scripted") =>
        Enqueue(status, $$"""{"__type":"com.amazonaws.rekognition#{{errorType}}","Message":"{{message}}"}""");

    private async Task HandleAsync(HttpContext context)
    {
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer);
        var body = buffer.ToArray();
        var headers = context.Request.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.ToString());
        var failure = _verifier.Verify(context.Request.Method, context.Request.Path.Value ?? "/",
            context.Request.QueryString.Value?.TrimStart('?') ?? "", headers, body);
        Received.Enqueue(new ReceivedRequest(headers, body, failure));

        var (status, answer) =
            failure is not null ? (403, $$"""{"__type":"InvalidSignatureException","message":"{{failure}}"}""")
            : headers.GetValueOrDefault("x-amz-target") != "RekognitionService.DetectLabels" ? (400, """{"__type":"UnknownOperationException"}""")
            : headers.GetValueOrDefault("content-type") != "application/x-amz-json-1.1" ? (400, """{"__type":"SerializationException"}""")
            : _script.TryDequeue(out var scripted) ? scripted
            : (200, DefaultLabels);
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/x-amz-json-1.1";
        await context.Response.WriteAsync(answer);
    }

    public ValueTask DisposeAsync() => _server?.DisposeAsync() ?? ValueTask.CompletedTask;

    public sealed record ReceivedRequest(IReadOnlyDictionary<string, string> Headers, byte[] Body, string? SignatureFailure);
}
