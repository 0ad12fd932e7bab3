using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using MedImaging.Api.DirectUploads;
using MedImaging.Aws.Dynamo;
using MedImaging.Studies;
using MedImaging.Testing;
using MedImaging.Tests.AppHost.Emulators;
using MedImaging.Tests.ServiceHosting;

namespace MedImaging.Tests.Api.DirectUploads;

/// <summary>
/// A ~20 MiB DICOM (a corpus file with 20 MiB of trailing padding: above fauxqs' 11 MiB single-PUT limit) goes up
/// through presigned multipart: three 8 MiB-or-less parts PUT to their own URLs with a real HttpClient, completed with
/// their ETags, and processed to the end by a real Silo beside a small file PUT in one piece. Completing without the
/// parts or with a wrong ETag is a 409 problem and queues nothing.
/// </summary>
[Collection(AwsEmulatorCollection.Name)]
public sealed class DirectMultipartUploadTests(AwsEmulatorFixture emulators) : IAsyncLifetime
{
    private const string KneeStudy = "2.25.134899623431820889591957761799300653684";
    private const int PartSize = 8 * 1024 * 1024;
    private ApiUnderTest _api = null!;
    private ServiceProcess? _silo;

    public async Task InitializeAsync() => _api = await ApiUnderTest.StartAsync(emulators);

    public async Task DisposeAsync()
    {
        if (_silo is not null) await _silo.DisposeAsync();
        await _api.DisposeAsync();
    }

    [Fact]
    public async Task A_20_MiB_dicom_is_uploaded_in_presigned_parts_completed_with_their_etags_and_processed()
    {
        var large = PaddedDicom.Of(TestCorpus.File("study_knee_s1_01.dcm"), 20 * 1024 * 1024 + 123);
        var small = await File.ReadAllBytesAsync(TestCorpus.File("study_knee_s1_02.dcm"));
        var upload = await CreateAsync(large.Length, small.Length);

        var multipart = upload.Files[0];
        Assert.Null(multipart.Url);
        Assert.Equal([PartSize, PartSize, large.Length - 2L * PartSize], multipart.Parts!.Select(p => p.Size));
        Assert.Equal([0L, PartSize, 2L * PartSize], multipart.Parts!.Select(p => p.Offset));
        Assert.Null(upload.Files[1].Parts);
        var etags = new List<CompletedPart>();
        foreach (var part in multipart.Parts!)
            etags.Add(new CompletedPart(part.PartNumber, await PutAsync(part.Url, large.AsMemory((int)part.Offset, (int)part.Size))));
        await PutAsync(upload.Files[1].Url!, small);

        using (var unlisted = await _api.Http.PostAsync(upload.CompleteUrl, null))
        {
            var problem = await ApiUnderTest.AssertProblemAsync(unlisted, 409);
            Assert.Equal((0, "Parts not listed"), (Assert.Single(problem.Files!).Index, problem.Files![0].Title));
        }
        var wrong = etags.Select(p => p.PartNumber == 2 ? p with { ETag = "\"0123456789abcdef0123456789abcdef\"" } : p).ToList();
        using (var refused = await CompleteAsync(upload, wrong))
            Assert.Equal("Parts could not be assembled", (await ApiUnderTest.AssertProblemAsync(refused, 409)).Title);
        using (var incomplete = await CompleteAsync(upload, etags.Take(2).ToList()))
            Assert.Equal("Parts incomplete", (await ApiUnderTest.AssertProblemAsync(incomplete, 409)).Title);
        Assert.Null(await _api.Studies.LoadAsync(upload.Id));

        _silo = await ServiceProcess.StartAsync("MedImaging.Silo", _api.Aws.ServiceEnvironment(_api.Resources));
        using (var accepted = await CompleteAsync(upload, etags))
        {
            Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
            Assert.Equal($"/api/studies/{KneeStudy}", accepted.Headers.Location?.ToString());
        }

        var study = await WaitForCompletedAsync(KneeStudy, TimeSpan.FromSeconds(90));
        Assert.Equal(2, study.Instances.Count);
        Assert.All(study.Instances, i => Assert.Equal(InstanceStatus.Done, i.Status));
        var stored = Assert.Single(study.Instances, i => i.Size == large.Length);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(large)), stored.ContentSha256);
        // Completing again answers from the first completion, even though the parts are gone.
        using var again = await CompleteAsync(upload, etags);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
    }

    [Fact]
    public async Task A_completion_body_that_is_not_json_is_a_problem()
    {
        var upload = await CreateAsync(100);
        using var text = new StringContent("parts", System.Text.Encoding.UTF8, "text/plain");
        await ApiUnderTest.AssertProblemAsync(await _api.Http.PostAsync(upload.CompleteUrl, text), 415);
        using var broken = new StringContent("{\"files\":[{\"index\":", System.Text.Encoding.UTF8, "application/json");
        await ApiUnderTest.AssertProblemAsync(await _api.Http.PostAsync(upload.CompleteUrl, broken), 400);
    }

    private async Task<UploadCreated> CreateAsync(params long[] sizes)
    {
        var request = new CreateUploadRequest(sizes.Select((s, i) => new DeclaredFile($"file-{i}", s)).ToList(), Finalize: null);
        using var response = await _api.Http.PostAsJsonAsync("/api/uploads", request);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<UploadCreated>())!;
    }

    private Task<HttpResponseMessage> CompleteAsync(UploadCreated upload, List<CompletedPart> parts) =>
        _api.Http.PostAsJsonAsync(upload.CompleteUrl, new CompleteUploadRequest([new CompletedFile(0, parts)]));

    /// <returns>The ETag header S3 answered.</returns>
    private async Task<string> PutAsync(string url, ReadOnlyMemory<byte> content)
    {
        using var body = new ReadOnlyMemoryContent(content);
        using var response = await _api.Outside.PutAsync(url, body);
        Assert.True(response.IsSuccessStatusCode, $"PUT to the presigned URL answered {(int)response.StatusCode}");
        return response.Headers.ETag?.ToString() ?? "";
    }

    private async Task<StudySnapshot> WaitForCompletedAsync(string id, TimeSpan timeout)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            var study = await _api.Studies.LoadAsync(id);
            if (study?.Study.Status == StudyStatus.Completed) return study;
            Assert.True(clock.Elapsed < timeout, $"study is {study?.Study.Status ?? "absent"} after {timeout}; silo output:\n{string.Join('\n', _silo!.Output.TakeLast(20))}");
            await Task.Delay(200);
        }
    }
}
