using System.Diagnostics;
using System.Text.Json;
using MedImaging.Studies;
using MedImaging.Pipeline.Analysis;
using MedImaging.Pipeline.Execution;
using MedImaging.Pipeline.Metadata;
using MedImaging.Pipeline.Routing;
using MedImaging.Pipeline.Steps;
using MedImaging.Pipeline.Storage;
using MedImaging.Testing;
using AwsInstanceStatus = MedImaging.Studies.InstanceStatus;
using PipelineStatus = MedImaging.Pipeline.Execution.InstanceStatus;

namespace MedImaging.Tests.Api;

/// <summary>
/// A study as the grain leaves it (written straight into the study table, with its outputs in the buckets):
/// one instance routed to x-ray, one quarantined, one still working, one failed.
/// </summary>
public sealed class StudyResultsData
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;

    public string StudyKey { get; } = "2.25." + Random.Shared.NextInt64(1, long.MaxValue);
    public string DeidStudy { get; } = "2.25." + Random.Shared.NextInt64(1, long.MaxValue);
    public string DeidSeries { get; } = "2.25." + Random.Shared.NextInt64(1, long.MaxValue);
    public string Routed => StudyKey + ".1";
    public string Quarantined => StudyKey + ".2";
    public string Working => StudyKey + ".3";
    public string Failed => StudyKey + ".4";
    public string ReportKey => $"{DeidStudy}/report.json";
    public byte[] Report { get; } = "{\"study\":\"report\"}"u8.ToArray();
    public byte[] Dicom { get; } = File.ReadAllBytes(TestCorpus.File("sc_rgb_ebe.dcm"));
    public byte[] Png { get; private set; } = [];
    public ObjectLocation RoutedDicom => new("", $"{DeidStudy}/{DeidSeries}/{StudyKey}.91.dcm");
    public ObjectLocation RoutedPng => new("", $"{DeidStudy}/{DeidSeries}/{StudyKey}.91.png");

    public async Task WriteAsync(ApiUnderTest api)
    {
        Png = RenderPng(TestCorpus.File("sc_rgb_ebe.dcm"));
        var xray = api.Resources.XrayBucket;
        var quarantine = api.Resources.QuarantineBucket;
        await api.PutObjectAsync(xray, RoutedDicom.Key, Dicom, "application/dicom");
        await api.PutObjectAsync(xray, RoutedPng.Key, Png, "image/png");
        await api.PutObjectAsync(quarantine, $"{DeidStudy}/{DeidSeries}/{StudyKey}.92.png", Png, "image/png");
        await api.PutObjectAsync(api.Resources.ProcessedBucket, ReportKey, Report, "application/json");

        var routed = Result(xray, new RoutingDecision(Destination.Xray, "xray-by-modality"), burnedIn: false, ".91");
        var quarantined = Result(quarantine, new RoutingDecision(Destination.Quarantine, "burned-in-phi-risk"), burnedIn: true, ".92");
        var failed = new InstanceResult("2.25.99", null, PipelineStatus.Failed, null, null, null, null, null, null, [], null,
            "invalid-instance", "missing-pixel-data: (7FE0,0010) absent");
        var working = InstanceProgress.Start(new InstanceWorkItem(StudyKey, Working, new ObjectLocation(api.Resources.IngestBucket, $"incoming/{StudyKey}/{Working}")))
            with { NextStep = PipelineStep.Render, Attempt = 2 };

        var study = StudyRecord.New(StudyKey, Now) with
        {
            Status = StudyStatus.Processing, InstanceCount = 4, ReportKey = ReportKey,
            Timeline = [new StudyEvent("received", Now)],
        };
        await api.Studies.SaveAsync(study,
        [
            Instance(api, Routed, AwsInstanceStatus.Done) with { Result = Json(routed) },
            Instance(api, Quarantined, AwsInstanceStatus.Done) with { Result = Json(quarantined) },
            Instance(api, Working, "processing") with { Progress = JsonSerializer.Serialize(working, PipelineJson.Default.InstanceProgress) },
            Instance(api, Failed, AwsInstanceStatus.Failed) with { Result = Json(failed), Error = "invalid-instance" },
        ], 0);
    }

    private InstanceResult Result(string bucket, RoutingDecision routing, bool burnedIn, string suffix) => new(
        StudyKey + ".9" + suffix[^1], DeidSeries, PipelineStatus.Completed, InstanceKind.Dicom, "CR", "1.2.840.10008.5.1.4.1.1.1", "CHEST",
        new AnalysisResult("header", "dicom-header", ImageClasses.Xray, [new DetectedLabel("X-Ray", 100)]),
        routing,
        [new ObjectLocation(bucket, $"{DeidStudy}/{DeidSeries}/{StudyKey}{suffix}.dcm"), new ObjectLocation(bucket, $"{DeidStudy}/{DeidSeries}/{StudyKey}{suffix}.png")],
        new DeidentificationSummary(false, burnedIn, new Dictionary<string, int> { ["X"] = 12, ["U"] = 3 }, null),
        null, null);

    private InstanceRecord Instance(ApiUnderTest api, string id, string status) => new(
        id, status, api.Resources.IngestBucket, $"incoming/{StudyKey}/{id}", "application/dicom", Dicom.Length, new string('0', 64), Now, Now,
        [new StepRecord("validate", 1, Now, Now.AddMilliseconds(3), "succeeded")]);

    private static string Json(InstanceResult result) => JsonSerializer.Serialize(result, PipelineJson.Default.InstanceResult);

    /// <summary>A real rendered image, made by dcmtk's dcmj2pnm (the oracle), not by our renderer.</summary>
    private static byte[] RenderPng(string dicomPath)
    {
        var output = Path.Combine(Path.GetTempPath(), $"api-render-{Guid.NewGuid():N}.png");
        using var process = Process.Start(new ProcessStartInfo("dcmj2pnm", ["+on", dicomPath, output]) { RedirectStandardError = true })!;
        process.WaitForExit(30_000);
        Assert.Equal(0, process.ExitCode);
        try { return File.ReadAllBytes(output); }
        finally { File.Delete(output); }
    }
}
