using System.Text;
using MedImaging.Dicom.Deidentification;
using MedImaging.Dicom.Deidentification.Policy;
using MedImaging.Pipeline.Adapters;
using MedImaging.Pipeline.Analysis;
using MedImaging.Pipeline.Execution;
using MedImaging.Pipeline.Execution.Ports;
using MedImaging.Pipeline.Publishing;
using MedImaging.Pipeline.Routing;
using MedImaging.Pipeline.Steps;
using MedImaging.Pipeline.Storage;
using MedImaging.Pipeline.Tests.Support;
using MedImaging.Testing;

namespace MedImaging.Pipeline.Tests.Execution;

/// <summary>The whole per-instance pipeline over real corpus files, the real DICOM libraries and an in-memory store.</summary>
public sealed class InstancePipelineDicomTests : IDisposable
{
    private static readonly string[] KneeStudy =
        ["study_knee_s1_01.dcm", "study_knee_s1_02.dcm", "study_knee_s1_03.dcm", "study_knee_s1_04.dcm", "study_knee_s2_01.dcm", "study_knee_s2_02.dcm", "study_knee_s2_03.dcm"];

    private readonly PipelineHarness _harness = new(
        new CompositeInstanceReader(new DicomInstanceReader()),
        new DicomDeidentifyStep(new Deidentifier(DeidentificationPolicy.Basic, Encoding.UTF8.GetBytes("test-deid-secret"))),
        new DicomImageRenderer(maxSize: 256),
        new HeaderImageAnalyzer());

    public void Dispose() => _harness.Dispose();

    private async Task<InstanceProgress> RunAsync(string file)
    {
        // dcmdump cannot read every broken file; the keys then only need to be stable. A readable file must be read.
        var oracle = DcmDump.TryValues(TestCorpus.File(file), "0020,000d", "0008,0018")
                     ?? (TestCorpus.Manifest.Single(r => r.File == file).IsBroken
                         ? new Dictionary<string, string>()
                         : throw new InvalidOperationException($"dcmdump cannot read {file}"));
        var item = await _harness.UploadAsync(oracle.GetValueOrDefault("0020,000d", "study-of-" + file), oracle.GetValueOrDefault("0008,0018", file),
            File.ReadAllBytes(TestCorpus.File(file)));
        var (progress, timeline) = await _harness.Pipeline.RunUntilWaitAsync(InstanceProgress.Start(item), CancellationToken.None);
        Assert.DoesNotContain(timeline, e => e.Outcome == StepOutcome.RetryScheduled);
        return progress;
    }

    [Fact]
    public async Task A_study_is_deidentified_rendered_and_routed_consistently()
    {
        var results = new List<InstanceProgress>();
        foreach (var file in KneeStudy) results.Add(await RunAsync(file));

        var originalStudy = DcmDump.Values(TestCorpus.File(KneeStudy[0]), "0020,000d")["0020,000d"];
        Assert.All(results, r => Assert.Equal(InstanceStatus.Completed, r.Status));
        var studyUid = Assert.Single(results.Select(r => r.Deidentification!.StudyUid).Distinct());
        Assert.NotEqual(originalStudy, studyUid);
        Assert.StartsWith("2.25.", studyUid);
        Assert.Equal(2, results.Select(r => r.Deidentification!.SeriesUid).Distinct().Count());
        Assert.All(results, r => Assert.Equal(new RoutingDecision(Destination.General, Router.FallbackReason), r.Routing));

        foreach (var result in results)
        {
            var dicom = new ObjectLocation("general", result.Deidentification!.OutputKey!);
            Assert.StartsWith($"{studyUid}/", dicom.Key);
            Assert.True(await _harness.Store.ExistsAsync(dicom, default));
            var image = (await _harness.Store.GetAsync(new ObjectLocation("general", result.Rendered!.Key), default))!;
            Assert.Equal("image/jpeg", image.ContentType);
            Assert.Equal(MedImaging.Pipeline.Metadata.InstanceKind.Jpeg, MedImaging.Pipeline.Metadata.FormatSniffer.Detect(image.Content.Span));
            Assert.EndsWith(".jpg", result.Rendered.Key);
            Assert.Equal([dicom, new ObjectLocation("general", result.Rendered.Key)], result.RoutedOutputs);
        }

        // dcmdump reads the de-identified output: new UIDs, and the original patient name is gone.
        var source = DcmDump.Values(TestCorpus.File(KneeStudy[0]), "0010,0010");
        var outputPath = Path.Combine(Path.GetTempPath(), $"pipeline-deid-{Guid.NewGuid():N}.dcm");
        try
        {
            await File.WriteAllBytesAsync(outputPath, (await _harness.Store.GetAsync(new ObjectLocation("general", results[0].Deidentification!.OutputKey!), default))!.Content.ToArray());
            var output = DcmDump.Values(outputPath, "0010,0010", "0020,000d", "0008,0018");
            Assert.Equal(studyUid, output["0020,000d"]);
            Assert.Equal(results[0].Deidentification!.InstanceUid, output["0008,0018"]);
            Assert.NotEqual(source["0010,0010"], output.GetValueOrDefault("0010,0010"));
        }
        finally
        {
            File.Delete(outputPath);
        }

        Assert.All(_harness.Store.Locations.Where(l => l.Bucket != "ingest"), l => Assert.DoesNotContain(originalStudy, l.Key));

        var report = StudyReportBuilder.Build(studyUid, "completed", results.Select(r => InstanceResult.From(r, _harness.Pseudonyms)).ToList(), DateTimeOffset.UnixEpoch);
        Assert.Equal(["MR"], report.Modalities);
        Assert.Equal([4, 3], report.Series.Select(s => s.InstanceCount).OrderDescending());
        Assert.Equal(7, report.Deidentification.Deidentified);
        Assert.True(report.Deidentification.ActionCounts["Removed"] > 0);
    }

    [Theory]
    [InlineData("cr_mono1_ele_phi.dcm", Destination.Xray, "class-xray")]
    [InlineData("mg_jpll70_12u.dcm", Destination.Xray, "class-xray")]
    [InlineData("ct_ele_14s.dcm", Destination.CtScan, "class-ct")]
    [InlineData("ct_jpll70_12u.dcm", Destination.CtScan, "class-ct")]
    public async Task Header_classes_route_to_their_buckets(string file, Destination destination, string rule)
    {
        var progress = await RunAsync(file);
        Assert.Equal(InstanceStatus.Completed, progress.Status);
        Assert.Equal("dicom-header", progress.Analysis!.Source);
        Assert.Equal(new RoutingDecision(destination, rule), progress.Routing);
        var bucket = PipelineHarness.Buckets.For(destination);
        Assert.Equal(2, progress.RoutedOutputs.Count);
        Assert.All(progress.RoutedOutputs, c => Assert.Equal(bucket, c.Bucket));
        foreach (var output in progress.RoutedOutputs)
            Assert.Equal(1, _harness.Store.WriteCount(output));
        // Written once, straight to the destination: nothing but the PHI-free result goes to the processed bucket.
        Assert.Equal([progress.Result!], _harness.Store.Locations.Where(l => l.Bucket == "processed"));
    }

    [Fact]
    public async Task Ultrasound_without_a_burned_in_statement_goes_to_quarantine()
    {
        var progress = await RunAsync("us_rgb_ele_pc1_phi.dcm");
        Assert.Equal(InstanceStatus.Completed, progress.Status);
        Assert.Equal(new RoutingDecision(Destination.Quarantine, Router.BurnedInPhiReason), progress.Routing);
        Assert.All(progress.RoutedOutputs, c => Assert.Equal("quarantine", c.Bucket));
        Assert.DoesNotContain(_harness.Store.Locations, l => l.Bucket is "general" or "xray" or "ctscan");
    }

    [Fact]
    public async Task A_file_that_cannot_be_deidentified_is_quarantined_as_it_came_and_never_rendered()
    {
        var progress = await RunAsync("broken_trunc_pixel.dcm");

        Assert.Equal(InstanceStatus.Completed, progress.Status);
        Assert.True(progress.Deidentification!.Failed);
        Assert.Equal("deidentification-failed", progress.Deidentification.FailureCode);
        Assert.Null(progress.Rendered);
        Assert.Null(progress.Analysis);
        Assert.Equal(new RoutingDecision(Destination.Quarantine, Router.DeidentificationFailedReason), progress.Routing);
        var copy = Assert.Single(progress.RoutedOutputs);
        Assert.Equal("quarantine", copy.Bucket);
        Assert.StartsWith("deidentification-failed/2.25.", copy.Key);
        Assert.Equal(File.ReadAllBytes(TestCorpus.File("broken_trunc_pixel.dcm")), (await _harness.Store.GetAsync(copy, default))!.Content.ToArray());
        // Only the PHI-free result JSON is written to the processed bucket.
        Assert.Equal([progress.Result!], _harness.Store.Locations.Where(l => l.Bucket == "processed"));
    }

    [Fact]
    public async Task An_instance_without_pixel_data_is_classified_by_its_header_and_routed_without_an_image()
    {
        var progress = await RunAsync("sr_reportsi.dcm");

        Assert.Equal(InstanceStatus.Completed, progress.Status);
        Assert.Null(progress.Rendered);
        Assert.Equal("dicom-header", progress.Analysis!.Source);
        Assert.Equal(Destination.General, progress.Routing!.Destination);
        Assert.EndsWith(".dcm", Assert.Single(progress.RoutedOutputs).Key);
    }

    [Fact]
    public async Task Another_renderer_behind_the_port_changes_only_the_image_format()
    {
        using var harness = new PipelineHarness(new CompositeInstanceReader(new DicomInstanceReader()),
            new DicomDeidentifyStep(new Deidentifier(DeidentificationPolicy.Basic, Encoding.UTF8.GetBytes("test-deid-secret"))),
            new DcmtkRenderer(), new HeaderImageAnalyzer());
        var item = await harness.UploadAsync("study", "instance", File.ReadAllBytes(TestCorpus.File("ct_ele_14s.dcm")));
        var (progress, _) = await harness.Pipeline.RunUntilWaitAsync(InstanceProgress.Start(item), CancellationToken.None);

        Assert.Equal(InstanceStatus.Completed, progress.Status);
        Assert.Equal(new RenderedOutput(progress.Rendered!.Key, "image/png"), progress.Rendered);
        Assert.EndsWith(".png", progress.Rendered.Key);
        var image = (await harness.Store.GetAsync(new ObjectLocation("ctscan", progress.Rendered.Key), default))!;
        Assert.Equal(MedImaging.Pipeline.Metadata.InstanceKind.Png, MedImaging.Pipeline.Metadata.FormatSniffer.Detect(image.Content.Span));
    }

    [Fact]
    public async Task Redelivering_every_step_of_a_dicom_instance_writes_nothing_twice()
    {
        var oracle = DcmDump.Values(TestCorpus.File("ct_ele_14s.dcm"), "0020,000d", "0008,0018");
        var item = await _harness.UploadAsync(oracle["0020,000d"], oracle["0008,0018"], File.ReadAllBytes(TestCorpus.File("ct_ele_14s.dcm")));
        var progress = InstanceProgress.Start(item);
        while (!progress.IsFinished)
        {
            var first = await _harness.Pipeline.RunStepAsync(progress, CancellationToken.None);
            var again = await _harness.Pipeline.RunStepAsync(progress, CancellationToken.None);
            Assert.Equal(first.Progress.NextStep, again.Progress.NextStep);
            Assert.Equal(first.Progress.Deidentification?.OutputKey, again.Progress.Deidentification?.OutputKey);
            progress = first.Progress;
        }

        Assert.Equal(InstanceStatus.Completed, progress.Status);
        Assert.All(_harness.Store.Locations, l => Assert.Equal(1, _harness.Store.WriteCount(l)));
        // upload + .dcm + .jpg, each written once to its destination + result (the header analyzer's answer needs no keeping)
        Assert.Equal(4, _harness.Store.Locations.Count);
    }

    [Fact]
    public async Task A_first_delivery_writes_without_asking_first_and_running_it_again_rewrites_the_same_bytes()
    {
        var oracle = DcmDump.Values(TestCorpus.File("ct_ele_14s.dcm"), "0020,000d", "0008,0018");
        var item = await _harness.UploadAsync(oracle["0020,000d"], oracle["0008,0018"], File.ReadAllBytes(TestCorpus.File("ct_ele_14s.dcm")));

        var done = await RunFirstDeliveryAsync(InstanceProgress.Start(item));
        Assert.Equal(InstanceStatus.Completed, done.Status);
        Assert.Equal(0, _harness.Store.ExistenceChecks);
        var outputs = await OutputsAsync();
        Assert.Equal(3, outputs.Count);

        // Had the receive count lied (an earlier run did write), the same keys get the same bytes: no second output.
        Assert.Equal(done.RoutedOutputs, (await RunFirstDeliveryAsync(InstanceProgress.Start(item))).RoutedOutputs);
        var again = await OutputsAsync();
        Assert.Equal(outputs.Keys.Order(), again.Keys.Order());
        Assert.All(outputs, o => Assert.Equal(o.Value, again[o.Key]));
    }

    private async Task<InstanceProgress> RunFirstDeliveryAsync(InstanceProgress progress)
    {
        while (!progress.IsFinished)
            progress = (await _harness.Pipeline.RunStepAsync(progress, firstDelivery: true, CancellationToken.None)).Progress;
        return progress;
    }

    private async Task<Dictionary<string, byte[]>> OutputsAsync()
    {
        var outputs = new Dictionary<string, byte[]>();
        foreach (var location in _harness.Store.Locations.Where(l => l.Bucket != PipelineHarness.Buckets.IngestBucket))
            outputs[$"{location.Bucket}/{location.Key}"] = (await _harness.Store.GetAsync(location, default))!.Content.ToArray();
        return outputs;
    }
}
