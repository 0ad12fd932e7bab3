using System.Diagnostics.Metrics;
using Amazon.S3;
using Amazon.S3.Model;
using MedImaging.Aws;
using MedImaging.Aws.Configuration;
using MedImaging.Pipeline.Steps;
using MedImaging.Pipeline.Storage;
using MedImaging.Silo.Storage;
using MedImaging.Tests.AppHost.Emulators;

namespace MedImaging.Tests.Silo.Storage;

/// <summary>
/// The S3 object store against fauxqs: round trips of GET, PUT, COPY and HEAD under keys that need encoding, missing
/// objects, buckets and copy sources as the pipeline sees them, and each call counted by operation.
/// </summary>
[Collection(AwsEmulatorCollection.Name)]
public sealed class S3ObjectStoreEmulatorTests(AwsEmulatorFixture fixture) : IAsyncLifetime
{
    private readonly AmazonS3Client _s3 = AwsTelemetry.CountRequests(AwsSdkClients.CreateS3(fixture.AwsOptions), "S3");
    private readonly string _bucket = AwsEmulatorFixture.UniqueName("objects");
    private readonly string _other = AwsEmulatorFixture.UniqueName("copies");

    // Larger than one socket read, so the body arrives in pieces.
    private static readonly byte[] Body = [.. Enumerable.Range(0, 300_000).Select(i => (byte)(i * 31))];

    private S3ObjectStore Store => new(_s3);

    public async Task InitializeAsync()
    {
        await _s3.PutBucketAsync(_bucket);
        await _s3.PutBucketAsync(_other);
    }

    public Task DisposeAsync()
    {
        _s3.Dispose();
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
        var sha256 = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Body));
        await Store.PutAsync(new ObjectLocation(_bucket, key), Body, "application/dicom", default);
        var read = await Store.GetAsync(new ObjectLocation(_bucket, key), sha256, default);
        await Store.CopyAsync(new ObjectLocation(_bucket, key), new ObjectLocation(_other, key + ".copy"), default);
        var copied = await Store.GetAsync(new ObjectLocation(_other, key + ".copy"), default);

        Assert.NotNull(read);
        Assert.Equal(Body, read.Content.ToArray());
        Assert.Equal(("application/dicom", sha256), (read.ContentType, read.Sha256));
        Assert.NotNull(copied);
        Assert.Equal(Body, copied.Content.ToArray());
        Assert.True(await Store.ExistsAsync(new ObjectLocation(_other, key + ".copy"), default));
        using var head = await _s3.GetObjectAsync(_bucket, key);
        Assert.Equal($"\"{Convert.ToHexStringLower(System.Security.Cryptography.MD5.HashData(Body))}\"", head.ETag);
    }

    [Fact]
    public async Task What_another_writer_stored_is_read_and_an_empty_object_round_trips()
    {
        await _s3.PutObjectAsync(new PutObjectRequest { BucketName = _bucket, Key = "by-sdk", ContentBody = "written by the SDK", ContentType = "text/plain" });
        await Store.PutAsync(new ObjectLocation(_bucket, "empty"), ReadOnlyMemory<byte>.Empty, "application/octet-stream", default);

        var other = await Store.GetAsync(new ObjectLocation(_bucket, "by-sdk"), default);
        var empty = await Store.GetAsync(new ObjectLocation(_bucket, "empty"), default);

        Assert.Equal("written by the SDK"u8.ToArray(), other!.Content.ToArray());
        Assert.Equal("text/plain", other.ContentType);
        Assert.Equal(0, empty!.Content.Length);
    }

    [Fact]
    public async Task A_missing_key_is_null_on_get_and_false_on_head()
    {
        Assert.Null(await Store.GetAsync(new ObjectLocation(_bucket, "missing/key"), default));
        Assert.False(await Store.ExistsAsync(new ObjectLocation(_bucket, "missing/key"), default));
    }

    [Fact]
    public async Task A_missing_bucket_on_get_is_a_refusal_not_a_missing_object()
    {
        var failure = await Assert.ThrowsAsync<StepFailure>(() => Store.GetAsync(new ObjectLocation(AwsEmulatorFixture.UniqueName("nobucket"), "key"), default));

        Assert.Equal((FailureKind.Permanent, "storage-refused", "S3 get refused: NoSuchBucket"), (failure.Kind, failure.Code, failure.Message));
    }

    [Fact]
    public async Task Copying_a_missing_source_is_a_transient_NoSuchKey_failure_naming_no_key()
    {
        var failure = await Assert.ThrowsAsync<StepFailure>(() =>
            Store.CopyAsync(new ObjectLocation(_bucket, "secret-source-key"), new ObjectLocation(_other, "destination"), default));

        Assert.Equal((FailureKind.Transient, "S3 copy failed: NoSuchKey"), (failure.Kind, failure.Message));
        Assert.DoesNotContain("secret-source-key", failure.Message);
        Assert.False(await Store.ExistsAsync(new ObjectLocation(_other, "destination"), default));
    }

    [Fact]
    public async Task Every_call_is_counted_by_operation()
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

        await Store.PutAsync(new ObjectLocation(_bucket, key), Body, "application/dicom", default);
        await Store.GetAsync(new ObjectLocation(_bucket, key), default);
        await Store.CopyAsync(new ObjectLocation(_bucket, key), new ObjectLocation(_other, key), default);
        await Store.ExistsAsync(new ObjectLocation(_other, key), default);

        lock (counted)
            foreach (var operation in new[] { "PutObject", "GetObject", "CopyObject", "GetObjectMetadata" })
                Assert.Contains(operation, counted);
    }
}
