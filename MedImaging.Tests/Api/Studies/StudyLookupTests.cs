using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using MedImaging.Aws.Studies;
using MedImaging.Testing;
using MedImaging.Tests.AppHost.Emulators;

namespace MedImaging.Tests.Api.Studies;

/// <summary>
/// A study between its accepted upload and its grain's first save (no Silo here, so that moment lasts): the upload
/// writes no study item, yet GET and finalize find the study from its files in the ingest bucket.
/// </summary>
[Collection(AwsEmulatorCollection.Name)]
public sealed class StudyLookupTests(AwsEmulatorFixture emulators) : IAsyncLifetime
{
    private const string KneeStudy = "2.25.134899623431820889591957761799300653684";
    private ApiUnderTest _api = null!;

    public async Task InitializeAsync() => _api = await ApiUnderTest.StartAsync(emulators);

    public async Task DisposeAsync() => await _api.DisposeAsync();

    [Fact]
    public async Task An_accepted_study_without_an_item_reads_as_received_until_its_grain_saves()
    {
        var before = DateTimeOffset.UtcNow.AddSeconds(-2);
        using var upload = await UploadKneeAsync(_api, finalize: false);

        Assert.Null(await _api.Studies.LoadAsync(KneeStudy));
        var study = await _api.Http.GetFromJsonAsync<JsonElement>(upload.Headers.Location);
        Assert.Equal((KneeStudy, "received", 0), (study.GetProperty("id").GetString(), study.GetProperty("status").GetString(), study.GetProperty("instances").GetArrayLength()));
        Assert.InRange(study.GetProperty("createdAt").GetDateTimeOffset(), before, DateTimeOffset.UtcNow.AddSeconds(2));

        // Once the grain has saved, the item is the answer.
        await _api.Studies.SaveAsync(StudyRecord.New(KneeStudy, before) with { Status = StudyStatus.Processing }, [], 0);
        study = await _api.Http.GetFromJsonAsync<JsonElement>(upload.Headers.Location);
        Assert.Equal("processing", study.GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_study_is_finalized_before_its_grain_first_saves()
    {
        using var upload = await UploadKneeAsync(_api, finalize: false);
        Assert.IsType<InstanceReceived>(Assert.Single(await _api.DrainQueueAsync(1)));

        using var finalize = await _api.Http.PostAsJsonAsync($"/api/studies/{KneeStudy}/finalize", new { expectedInstances = 1 });

        Assert.Equal(HttpStatusCode.Accepted, finalize.StatusCode);
        Assert.Equal("received", (await finalize.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
        var message = Assert.IsType<FinalizeStudy>(Assert.Single(await _api.DrainQueueAsync(1)));
        Assert.Equal((KneeStudy, 1), (message.StudyKey, message.ExpectedInstances));
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
    public async Task An_upload_older_than_the_visibility_window_no_longer_shows_its_study()
    {
        await using var api = await ApiUnderTest.StartAsync(emulators, new Dictionary<string, string>
        {
            ["MedImaging__Upload__AcceptedStudyVisibility"] = "00:00:00",
        });
        using var upload = await UploadKneeAsync(api, finalize: true);

        using var response = await api.Http.GetAsync(upload.Headers.Location);
        await ApiUnderTest.AssertProblemAsync(response, 404);
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
