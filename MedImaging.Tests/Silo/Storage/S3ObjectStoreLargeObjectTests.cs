using Amazon.S3.Model;
using MedImaging.Pipeline.Storage;
using MedImaging.Silo.Storage;
using MedImaging.Tests.AppHost.Emulators;
using MedImaging.Tests.ServiceHosting;

namespace MedImaging.Tests.Silo.Storage;

/// <summary>
/// Outputs larger than one part against the real emulator, which refuses a single PUT over 11 MiB: they are written
/// by multipart upload, whole, and nothing is left behind when a write fails.
/// </summary>
[Collection(AwsEmulatorCollection.Name)]
public sealed class S3ObjectStoreLargeObjectTests(AwsEmulatorFixture emulators) : ProvisionedAwsTest(emulators)
{
    [Fact]
    public async Task An_output_of_20_MiB_is_stored_whole_by_multipart_upload()
    {
        var content = new byte[20 * 1024 * 1024 + 123];
        Random.Shared.NextBytes(content);
        var store = new S3ObjectStore(Aws.S3);
        var location = new ObjectLocation(Resources.XrayBucket, "study/series/instance.dcm");

        await store.PutAsync(location, content, "application/dicom", default);

        var stored = await store.GetAsync(location, default);
        Assert.NotNull(stored);
        Assert.Equal(content.Length, stored.Content.Length);
        Assert.True(content.AsSpan().SequenceEqual(stored.Content.Span), "the stored object differs from what was written");
    }

    [Fact]
    public async Task A_multipart_write_into_a_missing_bucket_is_refused_for_good_and_leaves_no_upload()
    {
        var store = new S3ObjectStore(Aws.S3);
        var location = new ObjectLocation(AwsEmulatorFixture.UniqueName("missing"), "study/series/instance.dcm");

        var failure = await Assert.ThrowsAsync<MedImaging.Pipeline.Steps.StepFailure>(
            () => store.PutAsync(location, new byte[9 * 1024 * 1024], "application/dicom", default));

        Assert.Equal(MedImaging.Pipeline.Steps.FailureKind.Permanent, failure.Kind);
        var uploads = await Aws.S3.ListMultipartUploadsAsync(new ListMultipartUploadsRequest { BucketName = Resources.XrayBucket });
        Assert.Empty(uploads.MultipartUploads ?? []);
    }

    [Theory]
    [InlineData(1000)]
    [InlineData(2 * 8 * 1024 * 1024)]
    [InlineData(2 * 8 * 1024 * 1024 + 4321)]
    public async Task A_stream_of_unknown_length_is_stored_whole_and_read_back_as_a_stream(int length)
    {
        var content = new byte[length];
        Random.Shared.NextBytes(content);
        var store = new S3ObjectStore(Aws.S3);
        var location = new ObjectLocation(Resources.CtScanBucket, $"study/series/{length}.dcm");

        await store.PutAsync(location, new NonSeekable(content), "application/dicom", default);

        await using var stored = await store.OpenReadAsync(location, default);
        Assert.NotNull(stored);
        Assert.Equal(length, stored.Length);
        Assert.Equal("application/dicom", stored.ContentType);
        using var read = new MemoryStream();
        await stored.Content.CopyToAsync(read);
        Assert.True(content.AsSpan().SequenceEqual(read.ToArray()), "the stored object differs from what was written");
        Assert.Null(await store.OpenReadAsync(location with { Key = "study/series/absent.dcm" }, default));
    }

    /// <summary>What a pipe's reader looks like to the store: no length, no seeking.</summary>
    private sealed class NonSeekable(byte[] content) : MemoryStream(content, writable: false)
    {
        public override bool CanSeek => false;
        public override long Length => throw new NotSupportedException();
    }
}
