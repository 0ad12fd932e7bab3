using System.Net;
using System.Security.Cryptography;
using Amazon.Runtime;
using MedImaging.Aws.S3;

namespace MedImaging.Tests.Aws.S3;

/// <summary>
/// Our S3 object client against a loopback fake that answers as S3 does when things go wrong: 503 SlowDown is
/// transient and retried under one invocation id, a copy answered 200 with an &lt;Error&gt; body fails, a body whose
/// signed SHA-256 does not match (damaged on the way) is refused and sent again; and what it sends is signed.
/// </summary>
public sealed class S3ObjectClientFaultTests
{
    private static S3ObjectClient Client(string url, int maxAttempts = 1, HttpMessageHandler? handler = null) => new(
        new HttpClient(handler ?? new SocketsHttpHandler()), S3Addressing.PathStyle(url, "us-east-1"), new S3RequestSigner("us-east-1"),
        new BasicAWSCredentials("test", "test"), maxAttempts);

    [Fact]
    public async Task SlowDown_is_a_transient_error_retried_with_the_same_invocation_id()
    {
        using var fake = new S3FakeServer(_ => S3FakeServer.Error(503, "SlowDown"));
        using var client = Client(fake.Url, maxAttempts: 3);

        var error = await Assert.ThrowsAsync<S3Exception>(() => client.PutObjectAsync("bucket", "key", new byte[] { 1, 2, 3 }, "application/octet-stream"));

        Assert.Equal(("SlowDown", HttpStatusCode.ServiceUnavailable, true), (error.ErrorCode, error.StatusCode, error.IsTransient));
        Assert.Equal(3, fake.Received.Count);
        Assert.Single(fake.Received.Select(r => r.Headers["amz-sdk-invocation-id"]).Distinct());
    }

    [Fact]
    public async Task A_copy_answered_200_with_an_error_body_fails_transient_for_InternalError_and_permanent_for_a_refusal()
    {
        using var fake = new S3FakeServer(r => S3FakeServer.Error(200, r.RawUrl.EndsWith("/denied") ? "AccessDenied" : "InternalError"));
        using var client = Client(fake.Url);

        var internalError = await Assert.ThrowsAsync<S3Exception>(() => client.CopyObjectAsync("source", "a b/ü", "bucket", "destination"));
        var refused = await Assert.ThrowsAsync<S3Exception>(() => client.CopyObjectAsync("source", "key", "bucket", "denied"));

        Assert.Equal(("InternalError", HttpStatusCode.OK, true), (internalError.ErrorCode, internalError.StatusCode, internalError.IsTransient));
        Assert.Equal(("AccessDenied", false), (refused.ErrorCode, refused.IsTransient));
        Assert.Equal("/source/a%20b/%C3%BC", fake.Received[0].Headers["x-amz-copy-source"]);
        Assert.Contains("x-amz-copy-source", SignedHeaders(fake.Received[0]));
    }

    [Fact]
    public async Task A_copy_answered_200_with_its_result_succeeds()
    {
        using var fake = new S3FakeServer(_ => new S3FakeAnswer(200,
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><CopyObjectResult><ETag>\"x\"</ETag><LastModified>2026-01-01T00:00:00Z</LastModified></CopyObjectResult>"u8.ToArray()));
        using var client = Client(fake.Url);

        await client.CopyObjectAsync("source", "key", "bucket", "destination");

        Assert.Equal(("PUT", "/bucket/destination"), (fake.Received[0].Method, fake.Received[0].RawUrl));
    }

    [Fact]
    public async Task A_put_without_a_given_hash_signs_its_sha256_and_no_md5_and_a_body_damaged_on_the_way_is_refused()
    {
        using var fake = new S3FakeServer(VerifyingContentSha256);
        var body = new byte[] { 10, 20, 30, 40, 50 };
        using var intact = Client(fake.Url);
        using var damaging = Client(fake.Url, handler: new BodyDamagingHandler(new SocketsHttpHandler()));

        await intact.PutObjectAsync("bucket", "key", body, "application/dicom");
        var error = await Assert.ThrowsAsync<S3Exception>(() => damaging.PutObjectAsync("bucket", "key", body, "application/dicom"));

        var sent = fake.Received[0];
        Assert.False(sent.Headers.ContainsKey("content-md5"));
        Assert.Equal((Convert.ToHexStringLower(SHA256.HashData(body)), "application/dicom"), (sent.Headers["x-amz-content-sha256"], sent.Headers["content-type"]));
        Assert.Equal(["content-type", "host", "x-amz-content-sha256", "x-amz-date"], SignedHeaders(sent));
        // Transient: the body was damaged on the way, the next attempt sends it intact.
        Assert.Equal(("XAmzContentSHA256Mismatch", HttpStatusCode.BadRequest, true), (error.ErrorCode, error.StatusCode, error.IsTransient));
    }

    [Fact]
    public async Task A_put_with_its_sha256_is_signed_over_it_without_an_md5_and_a_damaged_body_is_sent_again()
    {
        using var fake = new S3FakeServer(VerifyingContentSha256);
        var body = new byte[] { 10, 20, 30, 40, 50 };
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(body));
        using var damaging = Client(fake.Url, maxAttempts: 2, handler: new BodyDamagingHandler(new SocketsHttpHandler(), damagedAttempts: 1));

        await damaging.PutObjectAsync("bucket", "key", body, "application/dicom", sha256);

        // The first attempt arrived damaged and was refused; the second is the body as hashed.
        Assert.Equal(2, fake.Received.Count);
        Assert.NotEqual(body, fake.Received[0].Body);
        var sent = fake.Received[1];
        Assert.False(sent.Headers.ContainsKey("content-md5"));
        Assert.Equal(sha256, sent.Headers["x-amz-content-sha256"]);
        Assert.Equal(["content-type", "host", "x-amz-content-sha256", "x-amz-date"], SignedHeaders(sent));
        Assert.Equal(body, sent.Body);
    }

    [Fact]
    public async Task A_put_damaged_on_its_first_attempt_is_stored_by_the_next()
    {
        using var fake = new S3FakeServer(VerifyingContentSha256);
        using var client = Client(fake.Url, maxAttempts: 3, handler: new BodyDamagingHandler(new SocketsHttpHandler(), damagedAttempts: 1));
        var body = new byte[] { 10, 20, 30, 40, 50 };

        var etag = await client.PutObjectAsync("bucket", "key", body, "application/dicom");

        Assert.Equal($"\"{Convert.ToHexStringLower(MD5.HashData(body))}\"", etag);
        Assert.Equal(2, fake.Received.Count);
        Assert.Equal(body, fake.Received[1].Body);
    }

    [Fact]
    public async Task A_put_given_the_body_hash_signs_it_as_the_payload_hash()
    {
        using var fake = new S3FakeServer(VerifyingContentSha256);
        using var client = Client(fake.Url);
        var body = new byte[] { 1, 2, 3 };
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(body));

        await client.PutObjectAsync("bucket", "key", body, "application/dicom", sha256);

        Assert.Equal(sha256, fake.Received[0].Headers["x-amz-content-sha256"]);
    }

    [Fact]
    public async Task A_refused_head_is_a_typed_error_named_by_its_status_and_a_404_is_false()
    {
        using var fake = new S3FakeServer(r => new S3FakeAnswer(r.RawUrl.EndsWith("/forbidden") ? 403 : 404, []));
        using var client = Client(fake.Url);

        var error = await Assert.ThrowsAsync<S3Exception>(() => client.ObjectExistsAsync("bucket", "forbidden"));

        Assert.Equal(("Forbidden", false), (error.ErrorCode, error.IsTransient));
        Assert.False(await client.ObjectExistsAsync("bucket", "missing"));
    }

    [Fact]
    public async Task A_body_that_differs_from_its_md5_etag_is_an_integrity_failure()
    {
        var content = new byte[] { 1, 2, 3, 4 };
        var wrong = MD5.HashData(content);
        wrong[0] ^= 1;
        using var fake = new S3FakeServer(_ => new S3FakeAnswer(200, content, new Dictionary<string, string> { ["ETag"] = $"\"{Convert.ToHexStringLower(wrong)}\"" }));
        using var client = Client(fake.Url);

        await Assert.ThrowsAsync<S3IntegrityException>(() => client.GetObjectAsync("bucket", "key"));
    }

    [Fact]
    public async Task An_unreachable_endpoint_fails_with_an_http_request_exception()
    {
        using var client = Client($"http://127.0.0.1:{MedImaging.Tests.TestHosting.Ports.PickFree()}");

        await Assert.ThrowsAsync<HttpRequestException>(() => client.GetObjectAsync("bucket", "key"));
    }

    private static string[] SignedHeaders(S3FakeRequest request) =>
        request.Headers["authorization"].Split("SignedHeaders=")[1].Split(',')[0].Split(';');

    // As S3: a signed payload hash that does not match the received body is refused.
    private static S3FakeAnswer VerifyingContentSha256(S3FakeRequest request) =>
        request.Headers["x-amz-content-sha256"] != Convert.ToHexStringLower(SHA256.HashData(request.Body))
            ? S3FakeServer.Error(400, "XAmzContentSHA256Mismatch")
            : new S3FakeAnswer(200, [], new Dictionary<string, string> { ["ETag"] = $"\"{Convert.ToHexStringLower(MD5.HashData(request.Body))}\"" });

    /// <summary>Flips one bit of the body after it was signed, as a damaged transfer would (in the first attempts only, if told).</summary>
    private sealed class BodyDamagingHandler(HttpMessageHandler inner, int damagedAttempts = int.MaxValue) : DelegatingHandler(inner)
    {
        private int _attempts;

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (Interlocked.Increment(ref _attempts) > damagedAttempts) return await base.SendAsync(request, cancellationToken);
            var original = request.Content!;
            var body = await original.ReadAsByteArrayAsync(cancellationToken);
            body[0] ^= 1;
            var damaged = new ByteArrayContent(body);
            foreach (var header in original.Headers.Where(h => h.Key != "Content-Length")) damaged.Headers.TryAddWithoutValidation(header.Key, header.Value);
            request.Content = damaged;
            return await base.SendAsync(request, cancellationToken);
        }
    }
}
