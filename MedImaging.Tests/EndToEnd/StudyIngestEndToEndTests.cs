using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using Amazon.S3.Model;
using MedImaging.Aws.Configuration;
using MedImaging.Aws.Dynamo;
using MedImaging.Studies;
using MedImaging.Testing;

using MedImaging.Tests.AppHost;
namespace MedImaging.Tests.EndToEnd;

/// <summary>
/// The whole distributed app through the AppHost's testing builder: emulators, provisioning from the CDK template,
/// the Api and the Silo as child processes. A DICOM file and a PNG uploaded over HTTP become completed studies,
/// with their items in DynamoDB and their bytes in S3.
/// </summary>
public sealed class StudyIngestEndToEndTests
{
    private const string KneeStudy = "2.25.134899623431820889591957761799300653684";

    [Fact]
    public async Task A_dicom_study_and_a_png_upload_both_complete_with_items_in_dynamodb_and_objects_in_s3()
    {
        await using var app = await MedImagingApp.StartAsync();
        using var http = new HttpClient { BaseAddress = app.ApiBaseUrl };
        var dicom = await File.ReadAllBytesAsync(TestCorpus.File("study_knee_s1_01.dcm"));
        var png = RenderPng("study_knee_s1_01.dcm");

        using var dicomBody = new ByteArrayContent(dicom);
        dicomBody.Headers.ContentType = new MediaTypeHeaderValue("application/dicom");
        var dicomStudy = await UploadAsync(http, dicomBody);
        using var pngForm = new MultipartFormDataContent { { new ByteArrayContent(png), "file", "knee.png" } };
        var pngStudy = await UploadAsync(http, pngForm);

        Assert.Equal(KneeStudy, dicomStudy);
        Assert.True(StudyKeys.IsUploadId(pngStudy));
        var completedDicom = await WaitForCompletedAsync(http, dicomStudy);
        var completedPng = await WaitForCompletedAsync(http, pngStudy);
        Assert.Equal("image/png", Assert.Single(completedPng.Instances).ContentType);
        Assert.Equal("application/dicom", Assert.Single(completedDicom.Instances).ContentType);

        await AssertStoredAsync(app, dicomStudy, dicom);
        await AssertStoredAsync(app, pngStudy, png);
    }

    private static async Task<string> UploadAsync(HttpClient http, HttpContent content)
    {
        using var response = await http.PostAsync("/api/studies", content);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var accepted = await response.Content.ReadFromJsonAsync<StudyBody>();
        Assert.Equal($"/api/studies/{accepted!.Id}", response.Headers.Location?.ToString());
        return accepted.Id;
    }

    private static async Task<StudyBody> WaitForCompletedAsync(HttpClient http, string id)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var study = await http.GetFromJsonAsync<StudyBody>($"/api/studies/{id}");
            if (study!.Status == StudyStatus.Completed) return study;
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60), $"study still {study.Status} after 60 s");
            await Task.Delay(100);
        }
    }

    private static async Task AssertStoredAsync(MedImagingApp app, string studyKey, byte[] uploaded)
    {
        using var dynamo = AwsSdkClients.CreateDynamoDb(app.AwsOptions);
        var snapshot = await new StudyTable(dynamo, app.ResourceNames.StudyTable).LoadAsync(studyKey);
        Assert.NotNull(snapshot);
        Assert.Equal(StudyStatus.Completed, snapshot.Study.Status);
        var instance = Assert.Single(snapshot.Instances);
        Assert.Equal(InstanceStatus.Done, instance.Status);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(uploaded)), instance.ContentSha256);

        using var s3 = AwsSdkClients.CreateS3(app.AwsOptions);
        using var stored = await s3.GetObjectAsync(new GetObjectRequest { BucketName = app.ResourceNames.IngestBucket, Key = $"incoming/{studyKey}/{instance.InstanceId}" });
        using var copy = new MemoryStream();
        await stored.ResponseStream.CopyToAsync(copy);
        Assert.Equal(uploaded, copy.ToArray());
    }

    // dcmtk renders the knee as a real PNG (the oracle, not our own encoder).
    private static byte[] RenderPng(string corpusFile)
    {
        var output = Path.Combine(Path.GetTempPath(), $"medimaging-e2e-{Guid.NewGuid():N}.png");
        try
        {
            using var process = Process.Start(new ProcessStartInfo("dcmj2pnm", ["+on", TestCorpus.File(corpusFile), output]) { RedirectStandardError = true })!;
            process.WaitForExit(30_000);
            Assert.Equal(0, process.ExitCode);
            return File.ReadAllBytes(output);
        }
        finally
        {
            File.Delete(output);
        }
    }

    private sealed record StudyBody(string Id, string Status, List<InstanceBody> Instances);

    private sealed record InstanceBody(string Id, string Status, string ContentType);
}
