using System.Diagnostics.Metrics;
using System.Net;
using Amazon.S3;
using MedImaging.Aws;
using MedImaging.Aws.Configuration;
using MedImaging.Aws.S3;
using MedImaging.Tests.AppHost.Emulators;

namespace MedImaging.Tests.Aws.S3;

/// <summary>
/// Our S3 object client against fauxqs: round trips of GET, PUT, COPY and HEAD, keys that need encoding, missing
/// objects and missing sources, each call counted; the SDK client reads what ours wrote, and ours what it wrote.
/// </summary>
[Collection(AwsEmulatorCollection.Name)]
public sealed class S3ObjectClientTests(AwsEmulatorFixture fixture) : IAsyncLifetime
{
    private readonly S3ObjectClient _client = S3ObjectClient.Create(fixture.AwsOptions);
    private readonly AmazonS3Client _sdk = AwsSdkClients.CreateS3(fixture.AwsOptions);
    private readonly string _bucket = AwsEmulatorFixture.UniqueName("objects");
    private readonly string _other = AwsEmulatorFixture.UniqueName("copies");

    // Larger than one socket read, so the body arrives in pieces.
    private static readonly byte[] Body = [.. Enumerable.Range(0, 300_000).Select(i => (byte)(i * 31))];

    public async Task InitializeAsync()
    {
        await _sdk.PutBucketAsync(_bucket);
        await _sdk.PutBucketAsync(_other);
    }

    public Task DisposeAsync()
    {
        _client.Dispose();
        _sdk.Dispose();
        return Task.CompletedTask;
    }

    [Theory]
    [InlineData("incoming/study/instance")]
    [InlineData("with spaces/and+plus & ampersand=.dcm")]
    [InlineData("unicode/Müller-中文-é/ß.dcm")]
    [InlineData("deep/slashes/a/b/c/d.json")]
    [InlineData("reserved!'()*$@,;:~.json")]
    public async Task An_object_put_is_read_back_copied_and_seen_under_any_key(string key)
    {
        var etag = await _client.PutObjectAsync(_bucket, key, Body, "application/dicom");
        var read = await _client.GetObjectAsync(_bucket, key);
        await _client.CopyObjectAsync(_bucket, key, _other, key + ".copy");
        var copied = await _client.GetObjectAsync(_other, key + ".copy");

        Assert.Equal($"\"{Convert.ToHexStringLower(System.Security.Cryptography.MD5.HashData(Body))}\"", etag);
        Assert.NotNull(read);
        Assert.Equal(Body, read.Content);
        Assert.Equal(("application/dicom", etag), (read.ContentType, read.ETag));
        Assert.NotNull(copied);
        Assert.Equal(Body, copied.Content);
        Assert.True(await _client.ObjectExistsAsync(_other, key + ".copy"));
        // The SDK finds it under the same key: both encode it the same way.
        using var bySdk = await _sdk.GetObjectAsync(_bucket, key);
        Assert.Equal(Body.Length, bySdk.ContentLength);
    }

    [Fact]
    public async Task What_the_sdk_wrote_is_read_and_an_empty_object_round_trips()
    {
        await _sdk.PutObjectAsync(new Amazon.S3.Model.PutObjectRequest { BucketName = _bucket, Key = "by-sdk", ContentBody = "written by the SDK", ContentType = "text/plain" });
        await _client.PutObjectAsync(_bucket, "empty", ReadOnlyMemory<byte>.Empty, "application/octet-stream");

        var bySdk = await _client.GetObjectAsync(_bucket, "by-sdk");
        var empty = await _client.GetObjectAsync(_bucket, "empty");

        Assert.Equal("written by the SDK"u8.ToArray(), bySdk!.Content);
        Assert.Equal("text/plain", bySdk.ContentType);
        Assert.Empty(empty!.Content);
    }

    [Fact]
    public async Task A_missing_key_is_null_on_get_and_false_on_head()
    {
        Assert.Null(await _client.GetObjectAsync(_bucket, "missing/key"));
        Assert.False(await _client.ObjectExistsAsync(_bucket, "missing/key"));
    }

    [Fact]
    public async Task A_missing_bucket_on_get_is_a_typed_error_not_a_missing_object()
    {
        var error = await Assert.ThrowsAsync<S3Exception>(() => _client.GetObjectAsync(AwsEmulatorFixture.UniqueName("nobucket"), "key"));

        Assert.Equal(("NoSuchBucket", HttpStatusCode.NotFound, false), (error.ErrorCode, error.StatusCode, error.IsTransient));
    }

    [Fact]
    public async Task Copying_a_missing_source_is_a_typed_NoSuchKey_error_naming_no_key()
    {
        var error = await Assert.ThrowsAsync<S3Exception>(() => _client.CopyObjectAsync(_bucket, "secret-source-key", _other, "destination"));

        Assert.Equal(("NoSuchKey", HttpStatusCode.NotFound, "CopyObject"), (error.ErrorCode, error.StatusCode, error.Operation));
        Assert.DoesNotContain("secret-source-key", error.Message);
        Assert.False(await _client.ObjectExistsAsync(_other, "destination"));
    }

    [Fact]
    public async Task Every_call_is_counted_once_by_operation()
    {
        var counted = new List<string>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument is { Meter.Name: AwsTelemetry.ActivitySourceName, Name: AwsTelemetry.RequestsInstrumentName }) l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<long>((_, _, tags, _) =>
        {
            string? service = null, operation = null;
            foreach (var tag in tags)
            {
                if (tag.Key == "rpc.service") service = tag.Value as string;
                if (tag.Key == "rpc.method") operation = tag.Value as string;
            }
            if (service == "S3") lock (counted) counted.Add(operation!);
        });
        listener.Start();
        var key = AwsEmulatorFixture.UniqueName("counted");

        await _client.PutObjectAsync(_bucket, key, Body, "application/dicom");
        await _client.GetObjectAsync(_bucket, key);
        await _client.CopyObjectAsync(_bucket, key, _other, key);
        await _client.ObjectExistsAsync(_other, key);

        lock (counted)
            foreach (var operation in new[] { "PutObject", "GetObject", "CopyObject", "HeadObject" })
                Assert.Contains(operation, counted);
    }
}
