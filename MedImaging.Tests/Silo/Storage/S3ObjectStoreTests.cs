using MedImaging.Aws.Configuration;
using MedImaging.Tests.Aws.S3;
using MedImaging.Tests.TestHosting;
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
    // A body larger than one socket read, with the ETag S3 gives a single-part object: the hex MD5 of its bytes.
    private static readonly byte[] ObjectBody = [.. Enumerable.Range(0, 300_000).Select(i => (byte)(i * 7))];

    private readonly S3FakeServer _server = new(Answer);
    private readonly string _url;

    public S3ObjectStoreTests() => _url = _server.Url;

    public void Dispose() => _server.Dispose();

    private static S3FakeAnswer Answer(S3FakeRequest request) => request.RawUrl switch
    {
        "/bucket/intact" => StoredObject(corrupted: false),
        "/bucket/corrupted" => StoredObject(corrupted: true),
        // S3 may fail a copy after its 200 status line went out: the error is then in the body.
        "/bucket/copy-interrupted" => S3FakeServer.Error(200, "InternalError"),
        "/bucket/throttled" => S3FakeServer.Error(503, "SlowDown"),
        "/bucket/broken" => S3FakeServer.Error(500, "InternalError"),
        "/bucket/denied" => S3FakeServer.Error(403, "AccessDenied"),
        _ => S3FakeServer.Error(404, "NoSuchKey"),
    };

    private static S3FakeAnswer StoredObject(bool corrupted)
    {
        var md5 = System.Security.Cryptography.MD5.HashData(ObjectBody);
        if (corrupted) md5[0] ^= 1;
        return new S3FakeAnswer(200, ObjectBody, new Dictionary<string, string> { ["ETag"] = $"\"{Convert.ToHexStringLower(md5)}\"" }, "application/dicom");
    }

    private static S3ObjectStore Store(string url) => new(AwsSdkClients.CreateS3(new AwsOptions { ServiceUrl = new AwsServiceUrls { S3 = url } }));

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
    public async Task An_object_read_by_the_sha256_it_has_carries_its_hash_and_is_still_checked_against_its_etag()
    {
        var sha256 = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(ObjectBody));

        var stored = await Store(_url).GetAsync(new ObjectLocation("bucket", "intact"), sha256, default);
        var damaged = await Assert.ThrowsAsync<StepFailure>(() => Store(_url).GetAsync(new ObjectLocation("bucket", "corrupted"), sha256, default));

        Assert.NotNull(stored);
        Assert.Equal(ObjectBody, stored.Content.ToArray());
        Assert.Equal(sha256, stored.Sha256);
        Assert.Equal((FailureKind.Transient, "storage-unreachable"), (damaged.Kind, damaged.Code));
    }

    [Fact]
    public async Task An_object_that_differs_from_the_sha256_expected_is_returned_with_its_own_hash_for_the_caller_to_judge()
    {
        var other = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData([1, 2, 3]));

        var differs = await Store(_url).GetAsync(new ObjectLocation("bucket", "intact"), other, default);

        Assert.NotNull(differs);
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(ObjectBody)), differs.Sha256);
    }

    [Fact]
    public async Task An_upload_read_by_the_hash_its_message_gave_says_its_hash_and_one_read_without_it_does_not()
    {
        var upload = new ObjectLocation("bucket", "intact");
        var sha256 = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(ObjectBody));

        var stored = await Store(_url).GetAsync(upload, sha256, default);
        var withoutHash = await Store(_url).GetAsync(upload, default);

        Assert.Equal(sha256, stored?.Sha256);
        Assert.Null(withoutHash?.Sha256);
    }

    [Fact]
    public async Task An_unreachable_endpoint_is_transient()
    {
        var store = Store($"http://127.0.0.1:{Ports.PickFree()}");
        var failure = await Assert.ThrowsAsync<StepFailure>(() => store.GetAsync(new ObjectLocation("bucket", "key"), default));
        Assert.Equal(FailureKind.Transient, failure.Kind);
    }

    [Fact]
    public async Task A_put_is_signed_over_its_sha256_and_a_body_damaged_on_the_way_is_refused_as_transient()
    {
        using var verifying = new S3FakeServer(request =>
            request.Headers["x-amz-content-sha256"] != Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(request.Body))
                ? S3FakeServer.Error(400, "XAmzContentSHA256Mismatch")
                : new S3FakeAnswer(200, []));
        var options = new AwsOptions { ServiceUrl = new AwsServiceUrls { S3 = verifying.Url } };
        using var damaging = new BodyDamagingHandler(new SocketsHttpHandler());
        var body = new byte[] { 10, 20, 30, 40, 50 };

        await new S3ObjectStore(AwsSdkClients.CreateS3(options)).PutAsync(new ObjectLocation("bucket", "intact"), body, "application/dicom", default);
        var failure = await Assert.ThrowsAsync<StepFailure>(() =>
            new S3ObjectStore(AwsSdkClients.CreateS3(options, damaging)).PutAsync(new ObjectLocation("bucket", "damaged"), body, "application/dicom", default));

        var sent = verifying.Received[0];
        Assert.Equal(body, sent.Body);
        Assert.Equal("application/dicom", sent.Headers["content-type"]);
        Assert.Contains("x-amz-content-sha256", sent.Headers["authorization"]);
        Assert.Equal((FailureKind.Transient, "S3 put failed: XAmzContentSHA256Mismatch"), (failure.Kind, failure.Message));
    }

    /// <summary>Flips one bit of the body after it was signed, as a damaged transfer would.</summary>
    private sealed class BodyDamagingHandler(HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
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
