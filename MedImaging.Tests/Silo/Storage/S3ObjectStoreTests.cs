using System.Net;
using System.Text;
using Amazon.Runtime;
using MedImaging.Aws.S3;
using MedImaging.AppHost.Hosting;
using MedImaging.Pipeline.Steps;
using MedImaging.Pipeline.Storage;
using MedImaging.Silo.Storage;

namespace MedImaging.Tests.Silo.Storage;

/// <summary>
/// The S3 object store against a local HTTP server answering like S3 does: a missing key is null (GET) or false
/// (HEAD); throttling and 5xx are transient step failures (the pipeline retries them), a refusal is permanent,
/// and an unreachable endpoint is transient.
/// </summary>
public sealed class S3ObjectStoreTests : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Task _serving;
    private readonly string _url;

    public S3ObjectStoreTests()
    {
        _url = $"http://127.0.0.1:{Ports.PickFree()}";
        _listener.Prefixes.Add(_url + "/");
        _listener.Start();
        _serving = ServeAsync();
    }

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
            if (context.Request.Url!.AbsolutePath is "/bucket/intact" or "/bucket/corrupted")
            {
                await ServeObjectAsync(context.Response, corrupted: context.Request.Url.AbsolutePath.EndsWith("corrupted"));
                continue;
            }
            var (status, code) = context.Request.Url!.AbsolutePath switch
            {
                // S3 may fail a copy after its 200 status line went out: the error is then in the body.
                "/bucket/copy-interrupted" => (200, "InternalError"),
                "/bucket/throttled" => (503, "SlowDown"),
                "/bucket/broken" => (500, "InternalError"),
                "/bucket/denied" => (403, "AccessDenied"),
                _ => (404, "NoSuchKey"),
            };
            context.Response.StatusCode = status;
            if (context.Request.HttpMethod != "HEAD")
            {
                var body = Encoding.UTF8.GetBytes($"<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>{code}</Code><Message>test</Message><RequestId>1</RequestId></Error>");
                context.Response.ContentType = "application/xml";
                await context.Response.OutputStream.WriteAsync(body);
            }
            context.Response.Close();
        }
    }

    // A body larger than one socket read, with the ETag S3 gives a single-part object: the hex MD5 of its bytes.
    private static readonly byte[] ObjectBody = [.. Enumerable.Range(0, 300_000).Select(i => (byte)(i * 7))];

    private static async Task ServeObjectAsync(HttpListenerResponse response, bool corrupted)
    {
        var md5 = System.Security.Cryptography.MD5.HashData(ObjectBody);
        if (corrupted) md5[0] ^= 1;
        response.StatusCode = 200;
        response.ContentType = "application/dicom";
        response.ContentLength64 = ObjectBody.Length;
        response.AddHeader("ETag", $"\"{Convert.ToHexStringLower(md5)}\"");
        await response.OutputStream.WriteAsync(ObjectBody);
        response.Close();
    }

    private static S3ObjectStore Store(string url) => new(new S3ObjectClient(
        new HttpClient(), S3Addressing.PathStyle(url, "us-east-1"), new S3RequestSigner("us-east-1"), new BasicAWSCredentials("test", "test"), maxAttempts: 1));

    [Fact]
    public async Task A_missing_object_is_null_on_get_and_false_on_head()
    {
        var store = Store(_url);
        Assert.Null(await store.GetAsync(new ObjectLocation("bucket", "missing"), default));
        Assert.False(await store.ExistsAsync(new ObjectLocation("bucket", "missing"), default));
    }

    [Theory]
    [InlineData("throttled")]
    [InlineData("broken")]
    public async Task Throttling_and_server_errors_are_transient(string key)
    {
        var store = Store(_url);
        var get = await Assert.ThrowsAsync<StepFailure>(() => store.GetAsync(new ObjectLocation("bucket", key), default));
        Assert.Equal(FailureKind.Transient, get.Kind);
        var put = await Assert.ThrowsAsync<StepFailure>(() => store.PutAsync(new ObjectLocation("bucket", key), new byte[] { 1 }, "application/octet-stream", default));
        Assert.Equal(FailureKind.Transient, put.Kind);
        Assert.DoesNotContain(key, get.Message);
    }

    [Fact]
    public async Task A_copy_answered_200_with_an_InternalError_body_is_transient()
    {
        var copy = await Assert.ThrowsAsync<StepFailure>(() => Store(_url).CopyAsync(new ObjectLocation("bucket", "x"), new ObjectLocation("bucket", "copy-interrupted"), default));

        Assert.Equal((FailureKind.Transient, "storage-unavailable"), (copy.Kind, copy.Code));
        Assert.Equal("S3 copy failed: InternalError", copy.Message);
    }

    [Fact]
    public async Task A_refusal_is_permanent()
    {
        var store = Store(_url);
        var get = await Assert.ThrowsAsync<StepFailure>(() => store.GetAsync(new ObjectLocation("bucket", "denied"), default));
        Assert.Equal((FailureKind.Permanent, "storage-refused"), (get.Kind, get.Code));
        var head = await Assert.ThrowsAsync<StepFailure>(() => store.ExistsAsync(new ObjectLocation("bucket", "denied"), default));
        Assert.Equal(FailureKind.Permanent, head.Kind);
        var copy = await Assert.ThrowsAsync<StepFailure>(() => store.CopyAsync(new ObjectLocation("bucket", "x"), new ObjectLocation("bucket", "denied"), default));
        Assert.Equal(FailureKind.Permanent, copy.Kind);
    }

    [Fact]
    public async Task An_object_is_read_whole_when_its_content_matches_its_etag()
    {
        var stored = await Store(_url).GetAsync(new ObjectLocation("bucket", "intact"), default);

        Assert.NotNull(stored);
        Assert.Equal(ObjectBody, stored.Content.ToArray());
        Assert.Equal("application/dicom", stored.ContentType);
    }

    [Fact]
    public async Task An_object_whose_content_differs_from_its_etag_is_a_transient_failure()
    {
        var failure = await Assert.ThrowsAsync<StepFailure>(() => Store(_url).GetAsync(new ObjectLocation("bucket", "corrupted"), default));

        Assert.Equal((FailureKind.Transient, "storage-unreachable"), (failure.Kind, failure.Code));
    }

    [Fact]
    public async Task An_unreachable_endpoint_is_transient()
    {
        var store = Store($"http://127.0.0.1:{Ports.PickFree()}");
        var failure = await Assert.ThrowsAsync<StepFailure>(() => store.GetAsync(new ObjectLocation("bucket", "key"), default));
        Assert.Equal(FailureKind.Transient, failure.Kind);
    }
}
