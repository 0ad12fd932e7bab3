using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using Amazon.S3.Model;
using MedImaging.Studies;
using MedImaging.Testing;
using MedImaging.Tests.AppHost.Emulators;
using MedImaging.Tests.ServiceHosting;

namespace MedImaging.Tests.Api.Uploads;

/// <summary>
/// Accepted uploads, against a real Api process, its Silo and the emulators: a 202 promises that the study's grain has
/// saved every instance of the upload, so the study table is read right after it.
/// </summary>
[Collection(AwsEmulatorCollection.Name)]
public sealed class UploadStudiesTests(AwsEmulatorFixture emulators) : IAsyncLifetime
{
    private ApiUnderTest _api = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        _api = await ApiUnderTest.StartAsync(emulators);
        _http = _api.Http;
    }

    public async Task DisposeAsync() => await _api.DisposeAsync();

    [Fact]
    public async Task A_dicom_body_is_stored_under_its_study_and_instance_uids_and_announced_to_the_grain()
    {
        var bytes = await File.ReadAllBytesAsync(TestCorpus.File("study_knee_s1_01.dcm"));
        const string study = "2.25.134899623431820889591957761799300653684";
        using var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/dicom");

        using var response = await _http.PostAsync("/api/studies", content);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal($"/api/studies/{study}", response.Headers.Location?.ToString());
        var accepted = await response.Content.ReadFromJsonAsync<AcceptedBody>();
        Assert.Equal((study, "received"), (accepted!.Id, accepted.Status));

        // Saved by the grain before the 202: the instance with the upload's hash and key, and the finalize it carried.
        var saved = (await _api.SavedStudyAsync(study))!;
        var received = Assert.Single(saved.Instances);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), received.ContentSha256);
        Assert.Equal($"incoming/{study}/{received.InstanceId}", received.ObjectKey);
        Assert.Equal(bytes, await ReadObjectAsync(received.ObjectKey));
        Assert.True(saved.Study.FinalizeRequested);
        Assert.Null(saved.Study.ExpectedInstances);
        using var get = await _http.GetAsync(response.Headers.Location);
        Assert.Equal(HttpStatusCode.OK, get.StatusCode);

        // The same file uploaded again is a repeat: the study keeps its one instance.
        using var again = new ByteArrayContent(bytes);
        again.Headers.ContentType = new MediaTypeHeaderValue("application/dicom");
        using var secondResponse = await _http.PostAsync("/api/studies", again);
        Assert.Equal(HttpStatusCode.Accepted, secondResponse.StatusCode);
        Assert.Single((await _api.SavedStudyAsync(study))!.Instances);
    }

    [Fact]
    public async Task A_multipart_upload_of_dicom_and_png_makes_two_studies_and_streams_a_large_file_in_parts()
    {
        var dicom = await File.ReadAllBytesAsync(TestCorpus.File("study_knee_s1_02.dcm"));
        var png = PngLike(20 * 1024 * 1024 + 123); // above fauxqs' single-PUT limit: only a multipart upload stores it
        using var form = new MultipartFormDataContent
        {
            { new ByteArrayContent(dicom), "file", "knee.dcm" },
            { new ByteArrayContent(png), "file", "photo.png" },
            { new StringContent("ignored"), "comment" },
        };

        using var response = await _http.PostAsync("/api/studies?finalize=false", form);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var accepted = await response.Content.ReadFromJsonAsync<AcceptedBody>();
        Assert.Equal(2, accepted!.Studies.Count);
        Assert.True(StudyKeys.IsUploadId(accepted.Studies[1].Id));

        foreach (var study in accepted.Studies)
            Assert.False((await _api.SavedStudyAsync(study.Id))!.Study.FinalizeRequested);
        var image = Assert.Single((await _api.SavedStudyAsync(accepted.Studies[1].Id))!.Instances);
        Assert.Equal("image/png", image.ContentType);
        Assert.Equal(png.Length, image.Size);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(png)), image.ContentSha256);
        Assert.Equal(png, await ReadObjectAsync(image.ObjectKey));
    }

    [Fact]
    public async Task A_file_whose_header_runs_past_the_first_part_is_read_as_far_as_its_identifiers_and_stored_whole()
    {
        // 900,000 private elements (737,280 of them before the Study Instance UID): a 9 MB header, past the first 8 MiB part.
        var bytes = HostileDicom.ManyElements(900_000);
        Assert.True(bytes.Length > 9 * 1024 * 1024);
        using var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/dicom");

        var clock = System.Diagnostics.Stopwatch.StartNew();
        using var response = await _http.PostAsync("/api/studies", content);
        Console.WriteLine($"a {bytes.Length}-byte file of 900,000 elements answered in {clock.ElapsedMilliseconds} ms (load {File.ReadAllText("/proc/loadavg").Trim()})");

        Assert.True(HttpStatusCode.Accepted == response.StatusCode, await response.Content.ReadAsStringAsync());
        var received = Assert.Single((await _api.SavedStudyAsync(HostileDicom.StudyUid))!.Instances);
        Assert.Equal(HostileDicom.SopInstanceUid, received.InstanceId);
        Assert.Equal(bytes.Length, received.Size);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), received.ContentSha256);
        Assert.Equal(bytes, await ReadObjectAsync(received.ObjectKey));
    }

    internal static byte[] PngLike(int size)
    {
        var bytes = RandomNumberGenerator.GetBytes(size);
        new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }.CopyTo(bytes, 0);
        return bytes;
    }

    private async Task<byte[]> ReadObjectAsync(string key)
    {
        using var response = await _api.Aws.S3.GetObjectAsync(new GetObjectRequest { BucketName = _api.Resources.IngestBucket, Key = key });
        using var copy = new MemoryStream();
        await response.ResponseStream.CopyToAsync(copy);
        return copy.ToArray();
    }


    private sealed record AcceptedBody(string Id, string Status, List<AcceptedBody> Studies);
}
