using MedImaging.Tests.TestHosting;
using System.Diagnostics;
using System.Text.Json;
using Amazon.SQS;
using Amazon.SQS.Model;
using MedImaging.Studies;
using MedImaging.Testing;
using MedImaging.Tests.AppHost.Emulators;

namespace MedImaging.Tests.Silo.Grains;

/// <summary>
/// One real Silo runs whole studies of corpus files through the pipeline: each instance lands in the bucket its
/// modality routes to, under de-identified keys and without PHI; a poison instance fails alone and is dead-lettered;
/// the study completes with its report and SNS notification; a resent, redelivered or conflicting instance writes nothing twice.
/// </summary>
[Collection(AwsEmulatorCollection.Name)]
public sealed class StudyPipelineTests(AwsEmulatorFixture emulators) : IAsyncLifetime
{
    private readonly SiloTestBed _bed = new(emulators);
    private string _notifications = null!;

    public async Task InitializeAsync()
    {
        await _bed.ProvisionAsync();
        _notifications = await _bed.Aws.Sqs.CreateQueueUrlAsync(AwsEmulatorFixture.UniqueName("events"));
        var arn = (await _bed.Aws.Sqs.AttributesAsync(_notifications))["QueueArn"];
        await _bed.Aws.Sns.SubscribeAsync(_bed.Resources.StudyEventsTopicArn, "sqs", arn);
        await _bed.StartSiloAsync();
    }

    public async Task DisposeAsync() => await _bed.DisposeAsync();

    [Fact]
    public async Task A_mixed_study_is_routed_deidentified_and_published_and_its_poison_instance_fails_alone()
    {
        var study = $"2.25.{Random.Shared.NextInt64(1, long.MaxValue)}";
        var files = new Dictionary<string, string>
        {
            ["cr_mono1_ele_phi.dcm"] = "xray",
            ["ct_ele_14s.dcm"] = "ctscan",
            ["study_knee_s1_01.dcm"] = "general",
            ["us_rgb_ele_pc1_phi.dcm"] = "quarantine",
            ["broken_trunc_pixel.dcm"] = "quarantine",
            ["broken_garbage.dcm"] = "failed",
        };
        var sent = new Dictionary<string, InstanceReceived>();
        foreach (var (file, index) in files.Keys.Select((f, i) => (f, i + 1)))
        {
            sent[file] = await _bed.StoreCorpusFileAsync(study, $"{study}.{index}", file);
            await _bed.SendAsync(sent[file]);
        }
        await _bed.SendAsync(new FinalizeStudy(study, files.Count, "client-1"));

        var completed = await _bed.WaitForStudyAsync(study, StudyStatus.Completed, TimeSpan.FromSeconds(90));

        var byFile = files.Keys.ToDictionary(f => f, f => completed.Instances.Single(i => i.InstanceId == sent[f].InstanceId));
        Assert.Equal(new InstanceOutcomes(
            files.Values.Count(d => d is not ("quarantine" or "failed")), files.Values.Count(d => d == "quarantine"), files.Values.Count(d => d == "failed")),
            completed.Study.Outcomes);
        foreach (var (file, destination) in files)
        {
            var instance = byFile[file];
            Assert.NotNull(instance.Result);
            using var result = JsonDocument.Parse(instance.Result);
            if (destination == "failed")
            {
                Assert.Equal(InstanceStatus.Failed, instance.Status);
                Assert.StartsWith("unreadable-dicom:", instance.Error);
                Assert.Equal(StepOutcome.Failed, instance.Steps!.Last().Outcome);
                continue;
            }
            Assert.Equal(InstanceStatus.Done, instance.Status);
            Assert.Equal(destination, result.RootElement.GetProperty("routing").GetProperty("destination").GetString(), ignoreCase: true);
            Assert.Equal(["validate", "extract-metadata", "deidentify"], instance.Steps!.Take(3).Select(s => s.Step));
            if (file != "broken_trunc_pixel.dcm") Assert.All(instance.Steps!, s => Assert.Equal(StepOutcome.Succeeded, s.Outcome));
            Assert.All(result.RootElement.GetProperty("outputs").EnumerateArray(),
                o => Assert.Equal(destination, o.GetProperty("bucket").GetString()!.Split('-')[0]));
        }

        // Two outputs (de-identified DICOM + rendered image) per routed instance; the undecodable file is quarantined as it came.
        var xray = await _bed.ListAsync(_bed.Resources.XrayBucket);
        Assert.Equal(2, xray.Count);
        Assert.Equal(2, (await _bed.ListAsync(_bed.Resources.CtScanBucket)).Count);
        Assert.Equal(2, (await _bed.ListAsync(_bed.Resources.GeneralBucket)).Count);
        var quarantine = await _bed.ListAsync(_bed.Resources.QuarantineBucket);
        Assert.Equal(3, quarantine.Count);
        Assert.Single(quarantine.Keys, k => k.StartsWith("deidentification-failed/", StringComparison.Ordinal));

        // De-identified: new UIDs in the keys, and dcmdump finds no patient name from the original.
        var original = DcmDumpValues(TestCorpus.File("cr_mono1_ele_phi.dcm"), "0010,0010", "0020,000d");
        Assert.All(xray.Keys, k => Assert.DoesNotContain(original["0020,000d"], k));
        var dicomKey = Assert.Single(xray.Keys, k => k.EndsWith(".dcm", StringComparison.Ordinal));
        var path = Path.Combine(Path.GetTempPath(), $"grain-{Guid.NewGuid():N}.dcm");
        try
        {
            await File.WriteAllBytesAsync(path, await _bed.ReadAsync(_bed.Resources.XrayBucket, dicomKey));
            var output = DcmDumpValues(path, "0010,0010", "0020,000d");
            Assert.NotEqual(original["0010,0010"], output.GetValueOrDefault("0010,0010"));
            Assert.Equal(dicomKey.Split('/')[0], output["0020,000d"]);
        }
        finally
        {
            File.Delete(path);
        }

        // The poison instance's original message is in the dead-letter queue with its reason.
        var dead = Assert.Single(await _bed.DrainAsync(_bed.Resources.StudyDeadLetterQueueUrl, 1, TimeSpan.FromSeconds(10)));
        Assert.Equal(sent["broken_garbage.dcm"], MedImaging.Silo.DeadLetters.DeadLetterMessages.TryReadInstance(dead.Body));
        Assert.Equal("unreadable-dicom", dead.MessageAttributes[MedImaging.Silo.DeadLetters.DeadLetterMessages.ReasonAttribute].StringValue);

        // Report beside the outputs, one notification on SNS.
        Assert.NotNull(completed.Study.ReportKey);
        using var report = JsonDocument.Parse(await _bed.ReadAsync(_bed.Resources.ProcessedBucket, completed.Study.ReportKey));
        Assert.Equal(6, report.RootElement.GetProperty("instanceCount").GetInt32());
        var notification = Assert.Single(await _bed.DrainAsync(_notifications, 1, TimeSpan.FromSeconds(10)));
        using var envelope = JsonDocument.Parse(notification.Body);
        using var body = JsonDocument.Parse(envelope.RootElement.GetProperty("Message").GetString()!);
        Assert.Equal("completed", body.RootElement.GetProperty("status").GetString());
        Assert.Equal(1, body.RootElement.GetProperty("failedCount").GetInt32());

        // Redelivery, an identical upload and a conflicting one: no new output, no new step, a conflict in the timeline.
        var before = await AllOutputsAsync();
        await _bed.SendAsync(sent["cr_mono1_ele_phi.dcm"]);
        var reupload = await _bed.StoreAsync(study, sent["ct_ele_14s.dcm"].InstanceId, File.ReadAllBytes(TestCorpus.File("ct_ele_14s.dcm")), $"incoming/{study}/again");
        await _bed.SendAsync(reupload);
        var conflicting = await _bed.StoreAsync(study, sent["study_knee_s1_01.dcm"].InstanceId, File.ReadAllBytes(TestCorpus.File("study_knee_s1_02.dcm")), $"incoming/{study}/other");
        await _bed.SendAsync(conflicting);

        var after = (await _bed.Table.LoadAsync(study))!;
        Assert.Equal(StudyStatus.Completed, after.Study.Status);
        Assert.Contains(after.Study.Timeline!, e => e.Event == "instance-conflict" && e.Detail == sent["study_knee_s1_01.dcm"].InstanceId);
        Assert.Equal(completed.Instances.Select(i => i.Steps!.Count), after.Instances.Select(i => i.Steps!.Count));
        Assert.Equal(before, await AllOutputsAsync());
        Assert.Empty(await _bed.DrainAsync(_notifications, 1, TimeSpan.FromSeconds(2)));
    }

    [Fact]
    public async Task An_instance_that_carries_the_finalize_completes_its_study_in_its_own_turn_and_once()
    {
        var study = $"2.25.{Random.Shared.NextInt64(1, long.MaxValue)}";
        var received = await _bed.StoreCorpusFileAsync(study, $"{study}.1", "study_knee_s1_01.dcm")
            with { ThenFinalize = new FinalizeRequest("upload-1", null) };
        await _bed.SendAsync(received);

        var completed = await _bed.WaitForStudyAsync(study, StudyStatus.Completed, TimeSpan.FromSeconds(60));

        Assert.Equal(["received", "finalize-requested", StudyStatus.Completed, "published"], completed.Study.Timeline!.Select(e => e.Event).Take(4));
        Assert.Equal(2, completed.Version); // saved on receipt, then once with the result, the completion and the publication
        Assert.Single(await _bed.DrainAsync(_notifications, 1, TimeSpan.FromSeconds(10)));

        // Delivered again: nothing changes, nothing is published twice.
        var before = await AllOutputsAsync();
        await _bed.SendAsync(received);
        Assert.Equal(completed.Version, (await _bed.Table.LoadAsync(study))!.Version);
        Assert.Equal(before, await AllOutputsAsync());
        Assert.Empty(await _bed.DrainAsync(_notifications, 1, TimeSpan.FromSeconds(2)));
    }

    [Fact]
    public async Task An_upload_whose_stored_content_is_not_what_its_message_hashed_fails_as_a_content_mismatch()
    {
        var study = $"2.25.{Random.Shared.NextInt64(1, long.MaxValue)}";
        var stored = await _bed.StoreCorpusFileAsync(study, $"{study}.1", "study_knee_s1_01.dcm");
        var received = stored with { ContentSha256 = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData([1, 2, 3])), ThenFinalize = new FinalizeRequest("upload-1", null) };
        await _bed.SendAsync(received);

        var failed = await _bed.WaitForStudyAsync(study, StudyStatus.Failed, TimeSpan.FromSeconds(60));

        var instance = Assert.Single(failed.Instances);
        Assert.Equal(InstanceStatus.Failed, instance.Status);
        Assert.Contains(instance.Steps!, s => s.Step == "validate" && s.Error!.StartsWith("content-mismatch", StringComparison.Ordinal));
    }

    private async Task<List<string>> AllOutputsAsync()
    {
        var all = new List<string>();
        foreach (var bucket in new[] { _bed.Resources.ProcessedBucket, _bed.Resources.XrayBucket, _bed.Resources.CtScanBucket, _bed.Resources.GeneralBucket, _bed.Resources.QuarantineBucket })
            all.AddRange((await _bed.ListAsync(bucket)).Select(o => $"{bucket}/{o.Key} {o.Value.ETag} {o.Value.LastModified:O}"));
        return all.Order().ToList();
    }

    private static Dictionary<string, string> DcmDumpValues(string path, params string[] tags)
    {
        using var process = Process.Start(new ProcessStartInfo("dcmdump", ["-q", "+L", path]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var errors = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        Assert.True(process.WaitForExit(30_000), "dcmdump did not finish");
        Assert.True(process.ExitCode == 0, $"dcmdump cannot read {path}: {errors.Result}");
        var values = new Dictionary<string, string>();
        foreach (var line in output.Split('\n'))
        {
            foreach (var tag in tags)
            {
                if (!line.StartsWith($"({tag})", StringComparison.OrdinalIgnoreCase)) continue;
                var open = line.IndexOf('[');
                var close = line.IndexOf(']', open + 1);
                if (open > 0 && close > open && close > open + 1) values.TryAdd(tag, line[(open + 1)..close].Trim());
            }
        }
        return values;
    }
}
