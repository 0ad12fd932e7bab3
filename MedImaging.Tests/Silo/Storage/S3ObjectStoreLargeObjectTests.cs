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
}
