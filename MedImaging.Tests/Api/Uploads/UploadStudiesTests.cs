using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using Amazon.S3.Model;
using MedImaging.Aws.Configuration;
using MedImaging.Aws.Sqs;
using MedImaging.Aws.Studies;
using MedImaging.Aws.StudyQueue;
using MedImaging.Testing;
using MedImaging.Tests.AppHost.Emulators;
using MedImaging.Tests.ServiceHosting;

namespace MedImaging.Tests.Api.Uploads;

/// <summary>Accepted uploads, against a real Api process and the emulators (no Silo: the queue is inspected directly).</summary>
[Collection(AwsEmulatorCollection.Name)]
public sealed class UploadStudiesTests(AwsEmulatorFixture emulators) : IAsyncLifetime
{
    private readonly LocalAws _aws = new(emulators);
    private ResourceNames _resources = null!;
    private ServiceProcess _api = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        _resources = await _aws.ProvisionAsync();
        _api = await ServiceProcess.StartAsync("MedImaging.Api", _aws.ServiceEnvironment(_resources));
        _http = new HttpClient { BaseAddress = _api.BaseAddress };
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _api.DisposeAsync();
        _aws.Dispose();
    }

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

        var messages = await DrainQueueAsync(1);
        var received = Assert.IsType<InstanceReceived>(messages[0]);
        Assert.Equal(study, received.StudyKey);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), received.ContentSha256);
        Assert.Equal($"incoming/{study}/{received.InstanceId}", received.ObjectKey);
        Assert.Equal(bytes, await ReadObjectAsync(received.ObjectKey));
        // The upload finalizes its study through its instance message: one message, one turn.
        Assert.NotNull(received.ThenFinalize);
        Assert.Null(received.ThenFinalize.ExpectedInstances);
        Assert.True(StudyKeys.IsUploadId(received.ThenFinalize.RequestId));

        // The upload writes no study item: the study is found from its stored file until its grain first saves.
        Assert.Null(await _aws.StudyTable(_resources).LoadAsync(study));
        using var get = await _http.GetAsync(response.Headers.Location);
        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        Assert.Equal("received", (await get.Content.ReadFromJsonAsync<AcceptedBody>())!.Status);

        // This upload is the study's first, so its message says so; the same file uploaded again (a new upload, so a
        // new message) to the same Api process is not the first and does not.
        Assert.True(received.NewStudy);
        using var again = new ByteArrayContent(bytes);
        again.Headers.ContentType = new MediaTypeHeaderValue("application/dicom");
        using var secondResponse = await _http.PostAsync("/api/studies", again);
        Assert.Equal(HttpStatusCode.Accepted, secondResponse.StatusCode);
        Assert.False(Assert.IsType<InstanceReceived>(Assert.Single(await DrainQueueAsync(1))).NewStudy);
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

        var messages = await DrainQueueAsync(2);
        Assert.All(messages.OfType<InstanceReceived>(), m => Assert.Null(m.ThenFinalize));
        Assert.All(messages.OfType<InstanceReceived>(), m => Assert.True(m.NewStudy));
        var image = messages.OfType<InstanceReceived>().Single(m => m.ContentType == "image/png");
        Assert.Equal(accepted.Studies[1].Id, image.StudyKey);
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
        var received = Assert.IsType<InstanceReceived>(Assert.Single(await DrainQueueAsync(1)));
        Assert.Equal((HostileDicom.StudyUid, HostileDicom.SopInstanceUid), (received.StudyKey, received.InstanceId));
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
        using var response = await _aws.S3.GetObjectAsync(new GetObjectRequest { BucketName = _resources.IngestBucket, Key = key });
        using var copy = new MemoryStream();
        await response.ResponseStream.CopyToAsync(copy);
        return copy.ToArray();
    }

    private async Task<List<StudyMessage>> DrainQueueAsync(int expected)
    {
        var messages = new List<StudyMessage>();
        for (var attempt = 0; attempt < 10 && messages.Count < expected; attempt++)
        {
            foreach (var message in await _aws.Sqs.ReceiveMessagesAsync(new ReceiveMessageRequest(_resources.StudyQueueUrl) { MaxNumberOfMessages = 10, WaitTimeSeconds = 1 }))
            {
                messages.Add(StudyMessageJson.TryDeserialize(message.Body) ?? throw new InvalidDataException("not a study message"));
                await _aws.Sqs.DeleteMessageAsync(_resources.StudyQueueUrl, message.ReceiptHandle);
            }
        }
        Assert.Equal(expected, messages.Count);
        return messages;
    }

    private sealed record AcceptedBody(string Id, string Status, List<AcceptedBody> Studies);
}
