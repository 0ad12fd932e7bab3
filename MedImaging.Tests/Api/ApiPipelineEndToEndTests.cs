using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using MedImaging.Api.DirectUploads;
using MedImaging.Testing;

using MedImaging.Tests.AppHost;
using MedImaging.Tests.TestHosting;

namespace MedImaging.Tests.Api;

/// <summary>
/// The Api over the real pipeline (AppHost testing builder: emulators, Api and Silo processes): a CR file carrying
/// fake PHI goes through the direct-upload flow, and the finished study's results, links, rendered image, report and
/// listing are read back through the Api only, without one PHI value anywhere in them.
/// </summary>
public sealed class ApiPipelineEndToEndTests
{
    private const string File = "cr_mono1_ele_phi.dcm";
    private const string Study = "1.2.276.0.7230010.3.1.2.8323328.17598.1795308050.990917";

    [Fact]
    public async Task A_direct_upload_is_processed_and_its_phi_free_results_are_downloadable()
    {
        await using var app = await MedImagingApp.StartAsync();
        using var http = new HttpClient { BaseAddress = app.ApiBaseUrl };
        using var outside = new HttpClient();
        var dicom = await System.IO.File.ReadAllBytesAsync(TestCorpus.File(File));
        var phi = PhiValues(TestCorpus.File(File));

        using var created = await http.PostAsJsonAsync("/api/uploads", new CreateUploadRequest([new DeclaredFile("chest.dcm", dicom.Length)], null));
        var upload = (await created.Content.ReadFromJsonAsync<UploadCreated>())!;
        using (var put = await outside.PutAsync(upload.Files[0].Url, new ByteArrayContent(dicom))) Assert.True(put.IsSuccessStatusCode);
        using (var complete = await http.PostAsync(upload.CompleteUrl, null)) Assert.Equal(HttpStatusCode.Accepted, complete.StatusCode);

        var (study, json) = await WaitForCompletedAsync(http, Study);
        var result = study.GetProperty("instances")[0].GetProperty("result");
        Assert.Equal("completed", result.GetProperty("status").GetString());
        Assert.Equal("CR", result.GetProperty("modality").GetString());
        Assert.Equal("dicom-header", result.GetProperty("analysis").GetProperty("source").GetString());
        Assert.Equal("xray", result.GetProperty("routing").GetProperty("destination").GetString());
        Assert.All(phi, value => Assert.DoesNotContain(value, json));

        var outputs = result.GetProperty("outputs").EnumerateArray().ToList();
        // Every identifying value, short ones (DOE) too, searched word by word in every attribute dcmtk reads from the output.
        var deidentified = PhiText.DumpOf(await DownloadAsync(outside, outputs.Single(o => o.GetProperty("kind").GetString() == "dicom")));
        Assert.Contains("(0010,0010)", deidentified);
        Assert.All(phi, value => Assert.False(PhiText.ContainsWord(deidentified, value), $"'{value}' is still in the de-identified file"));
        var rendered = await DownloadAsync(outside, outputs.Single(o => o.GetProperty("kind").GetString() == "rendered"));
        var instance = study.GetProperty("instances")[0].GetProperty("id").GetString();
        Assert.Equal(rendered, await http.GetByteArrayAsync($"/api/studies/{Study}/instances/{instance}/rendered"));

        using (var report = await outside.GetAsync(study.GetProperty("report").GetProperty("url").GetString()))
        {
            Assert.Equal(HttpStatusCode.OK, report.StatusCode);
            var reportText = await report.Content.ReadAsStringAsync();
            Assert.Equal(JsonValueKind.Object, JsonDocument.Parse(reportText).RootElement.ValueKind);
            Assert.All(phi, value => Assert.DoesNotContain(value, reportText));
        }

        var listed = await http.GetFromJsonAsync<JsonElement>("/api/studies?status=completed");
        Assert.Contains(Study, listed.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()));
    }

    private static async Task<(JsonElement Study, string Json)> WaitForCompletedAsync(HttpClient http, string id)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var json = await http.GetStringAsync($"/api/studies/{id}");
            var study = JsonDocument.Parse(json).RootElement;
            if (study.GetProperty("status").GetString() is "completed" or "failed") return (study, json);
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(90), $"study still {study.GetProperty("status").GetString()} after 90 s");
            await Task.Delay(200);
        }
    }

    private static async Task<byte[]> DownloadAsync(HttpClient outside, JsonElement output)
    {
        using var response = await outside.GetAsync(output.GetProperty("download").GetProperty("url").GetString());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsByteArrayAsync();
    }

    /// <summary>The file's identifying values, read by dcmtk (the oracle): patient name parts, IDs, birth date, institution.</summary>
    private static List<string> PhiValues(string path)
    {
        using var process = Process.Start(new ProcessStartInfo("dcmdump",
            ["+P", "PatientName", "+P", "PatientID", "+P", "PatientBirthDate", "+P", "InstitutionName", path]) { RedirectStandardOutput = true })!;
        var output = process.StandardOutput.ReadToEnd();
        Assert.True(process.WaitForExit(30_000), "dcmdump did not finish");
        Assert.True(process.ExitCode == 0, $"dcmdump cannot read {path} (exit {process.ExitCode})");
        var values = System.Text.RegularExpressions.Regex.Matches(output, @"\[([^\]]+)\]").Select(m => m.Groups[1].Value)
            .SelectMany(v => v.Split('^', StringSplitOptions.RemoveEmptyEntries)).Where(v => v.Length >= 3).Distinct().ToList();
        Assert.Contains("DOE", values);
        return values;
    }
}
