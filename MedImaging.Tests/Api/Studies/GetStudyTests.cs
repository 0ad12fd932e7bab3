using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MedImaging.Tests.AppHost.Emulators;

namespace MedImaging.Tests.Api.Studies;

/// <summary>
/// GET /api/studies/{id} over a study written as the grain leaves it: results, progress, failures, and presigned
/// links (expiry configured to 5 minutes here) that really download the objects from the emulator.
/// </summary>
[Collection(AwsEmulatorCollection.Name)]
public sealed class GetStudyTests(AwsEmulatorFixture emulators) : IAsyncLifetime
{
    private readonly StudyResultsData _data = new();
    private ApiUnderTest _api = null!;

    public async Task InitializeAsync()
    {
        _api = await ApiUnderTest.StartAsync(emulators, new Dictionary<string, string> { ["MedImaging__Delivery__DownloadUrlExpiry"] = "00:05:00" });
        await _data.WriteAsync(_api);
    }

    public async Task DisposeAsync() => await _api.DisposeAsync();

    [Fact]
    public async Task Shows_each_instances_result_routing_and_deidentification_summary()
    {
        var study = await GetStudyAsync();

        Assert.Equal((_data.StudyKey, "processing", 4), (study.GetProperty("id").GetString(), study.GetProperty("status").GetString(), study.GetProperty("instances").GetArrayLength()));
        var routed = Instance(study, _data.Routed).GetProperty("result");
        Assert.Equal("completed", routed.GetProperty("status").GetString());
        Assert.Equal("CR", routed.GetProperty("modality").GetString());
        Assert.Equal("dicom", routed.GetProperty("kind").GetString());
        Assert.Equal(_data.DeidSeries, routed.GetProperty("deidentifiedSeriesUid").GetString());
        Assert.Equal("dicom-header", routed.GetProperty("analysis").GetProperty("source").GetString());
        Assert.Equal("X-Ray", routed.GetProperty("analysis").GetProperty("labels")[0].GetProperty("name").GetString());
        Assert.Equal(("xray", "xray-by-modality"),
            (routed.GetProperty("routing").GetProperty("destination").GetString(), routed.GetProperty("routing").GetProperty("rule").GetString()));
        Assert.Equal(12, routed.GetProperty("deidentification").GetProperty("actionCounts").GetProperty("X").GetInt32());
        Assert.Equal(1, Instance(study, _data.Routed).GetProperty("steps").GetArrayLength());
    }

    [Fact]
    public async Task Presigned_links_download_the_outputs_and_the_report_and_expire_as_configured()
    {
        var before = DateTimeOffset.UtcNow;
        var study = await GetStudyAsync();

        var outputs = Instance(study, _data.Routed).GetProperty("result").GetProperty("outputs");
        Assert.Equal(["dicom", "rendered"], outputs.EnumerateArray().Select(o => o.GetProperty("kind").GetString()));
        Assert.Equal(_data.Dicom, await DownloadAsync(outputs[0].GetProperty("download")));
        Assert.Equal(_data.Png, await DownloadAsync(outputs[1].GetProperty("download")));
        Assert.Equal(_data.Report, await DownloadAsync(study.GetProperty("report")));

        var link = outputs[0].GetProperty("download");
        Assert.Contains("X-Amz-Expires=300", link.GetProperty("url").GetString());
        var expires = link.GetProperty("expiresAt").GetDateTimeOffset();
        Assert.InRange(expires, before.AddMinutes(5).AddSeconds(-5), DateTimeOffset.UtcNow.AddMinutes(5).AddSeconds(5));
    }

    [Fact]
    public async Task A_quarantined_instance_never_shows_as_done_and_the_study_counts_each_outcome()
    {
        var study = await GetStudyAsync();

        Assert.Equal("quarantined", Instance(study, _data.Quarantined).GetProperty("status").GetString());
        Assert.Equal("done", Instance(study, _data.Routed).GetProperty("status").GetString());
        Assert.Equal("failed", Instance(study, _data.Failed).GetProperty("status").GetString());
        var outcomes = study.GetProperty("outcomes");
        Assert.Equal((1, 1, 1), (outcomes.GetProperty("done").GetInt32(), outcomes.GetProperty("quarantined").GetInt32(), outcomes.GetProperty("failed").GetInt32()));
    }

    [Fact]
    public async Task Quarantined_outputs_are_listed_without_links()
    {
        var study = await GetStudyAsync();

        var result = Instance(study, _data.Quarantined).GetProperty("result");
        Assert.Equal("quarantine", result.GetProperty("routing").GetProperty("destination").GetString());
        Assert.True(result.GetProperty("deidentification").GetProperty("burnedInPhiRisk").GetBoolean());
        Assert.Equal(2, result.GetProperty("outputs").GetArrayLength());
        Assert.All(result.GetProperty("outputs").EnumerateArray(), o => Assert.False(o.TryGetProperty("download", out var d) && d.ValueKind != JsonValueKind.Null));
    }

    [Fact]
    public async Task A_working_instance_shows_its_next_step_and_a_failed_one_its_reason()
    {
        var study = await GetStudyAsync();

        var working = Instance(study, _data.Working);
        Assert.Equal(JsonValueKind.Null, working.GetProperty("result").ValueKind);
        Assert.Equal(("render", 2), (working.GetProperty("progress").GetProperty("nextStep").GetString(), working.GetProperty("progress").GetProperty("attempt").GetInt32()));
        var failed = Instance(study, _data.Failed).GetProperty("result");
        Assert.Equal("failed", failed.GetProperty("status").GetString());
        Assert.Equal("invalid-instance", failed.GetProperty("failure").GetProperty("code").GetString());
    }

    [Fact]
    public async Task Never_shows_the_raw_upload_locations()
    {
        var json = await _api.Http.GetStringAsync($"/api/studies/{_data.StudyKey}");

        // The working state holds the source location in the ingest bucket; only its step and attempt are shown.
        Assert.DoesNotContain(_api.Resources.IngestBucket, json);
    }

    private async Task<JsonElement> GetStudyAsync()
    {
        using var response = await _api.Http.GetAsync($"/api/studies/{_data.StudyKey}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static JsonElement Instance(JsonElement study, string id) =>
        study.GetProperty("instances").EnumerateArray().Single(i => i.GetProperty("id").GetString() == id);

    private async Task<byte[]> DownloadAsync(JsonElement link)
    {
        using var response = await _api.Outside.GetAsync(link.GetProperty("url").GetString());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsByteArrayAsync();
    }
}
