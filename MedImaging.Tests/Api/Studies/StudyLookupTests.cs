using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Amazon.S3.Model;
using MedImaging.Studies;
using MedImaging.Testing;
using MedImaging.Tests.AppHost.Emulators;

namespace MedImaging.Tests.Api.Studies;

/// <summary>
/// The Api asks a study's grain for it: a study is there the moment its upload is accepted, finalize goes to the grain,
/// and with no silo to answer the Api says 503 and keeps nothing of the upload.
/// </summary>
[Collection(AwsEmulatorCollection.Name)]
public sealed class StudyLookupTests(AwsEmulatorFixture emulators) : IAsyncLifetime
{
    private const string KneeStudy = "2.25.134899623431820889591957761799300653684";
    private ApiUnderTest _api = null!;

    public async Task InitializeAsync() => _api = await ApiUnderTest.StartAsync(emulators);

    public async Task DisposeAsync() => await _api.DisposeAsync();

    [Fact]
    public async Task An_accepted_study_is_found_at_once_with_its_instance()
    {
        var before = DateTimeOffset.UtcNow.AddSeconds(-2);
        using var upload = await UploadKneeAsync(_api, finalize: false);

        var study = await _api.Http.GetFromJsonAsync<JsonElement>(upload.Headers.Location);
        Assert.Equal(KneeStudy, study.GetProperty("id").GetString());
        Assert.Equal(1, study.GetProperty("instances").GetArrayLength());
        Assert.InRange(study.GetProperty("createdAt").GetDateTimeOffset(), before, DateTimeOffset.UtcNow.AddSeconds(2));
    }

    [Fact]
    public async Task A_finalize_is_saved_by_the_grain_before_its_202()
    {
        using var upload = await UploadKneeAsync(_api, finalize: false);

        using var finalize = await _api.Http.PostAsJsonAsync($"/api/studies/{KneeStudy}/finalize", new { expectedInstances = 1 });

        Assert.Equal(HttpStatusCode.Accepted, finalize.StatusCode);
        var saved = (await _api.SavedStudyAsync(KneeStudy))!;
        Assert.Equal((true, 1), (saved.Study.FinalizeRequested, saved.Study.ExpectedInstances));
        Assert.Contains(saved.Study.Timeline!, e => e.Event == "finalize-requested" && e.Detail == "1");
    }

    [Fact]
    public async Task A_study_whose_key_prefixes_an_accepted_study_is_not_found()
    {
        using var upload = await UploadKneeAsync(_api, finalize: true);

        using var response = await _api.Http.GetAsync($"/api/studies/{KneeStudy[..^1]}");
        await ApiUnderTest.AssertProblemAsync(response, 404);
        using var finalize = await _api.Http.PostAsync($"/api/studies/{KneeStudy[..^1]}/finalize", null);
        await ApiUnderTest.AssertProblemAsync(finalize, 404);
    }

    [Fact]
    public async Task With_no_silo_an_upload_is_answered_503_and_nothing_of_it_is_kept()
    {
        await _api.Silo.StopAsync(TimeSpan.FromSeconds(10));

        using var content = new ByteArrayContent(await File.ReadAllBytesAsync(TestCorpus.File("study_knee_s1_01.dcm")));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/dicom");
        using var response = await _api.Http.PostAsync("/api/studies", content);

        var problem = await ApiUnderTest.AssertProblemAsync(response, 503);
        Assert.NotNull(response.Headers.RetryAfter);
        Assert.Contains("Nothing of this request was kept", problem.Detail);
        var stored = await _api.Aws.S3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = _api.Resources.IngestBucket });
        Assert.Empty(stored.S3Objects ?? []);
        Assert.Null(await _api.Studies.LoadAsync(KneeStudy));
        using var get = await _api.Http.GetAsync($"/api/studies/{KneeStudy}");
        await ApiUnderTest.AssertProblemAsync(get, 503);
    }

    private static async Task<HttpResponseMessage> UploadKneeAsync(ApiUnderTest api, bool finalize)
    {
        using var content = new ByteArrayContent(await File.ReadAllBytesAsync(TestCorpus.File("study_knee_s1_01.dcm")));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/dicom");
        var response = await api.Http.PostAsync($"/api/studies?finalize={(finalize ? "true" : "false")}", content);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal($"/api/studies/{KneeStudy}", response.Headers.Location?.ToString());
        return response;
    }
}
