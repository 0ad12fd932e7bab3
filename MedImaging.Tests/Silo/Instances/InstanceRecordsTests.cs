using System.Text.Json;
using MedImaging.Studies;
using MedImaging.Pipeline.Execution;
using MedImaging.Pipeline.Steps;
using MedImaging.Silo.Instances;

namespace MedImaging.Tests.Silo.Instances;

public class InstanceRecordsTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 14, 0, 0, TimeSpan.Zero);

    private static InstanceRecord Started() => InstanceRecords.Start(
        new InstanceReceived("study-1", "instance-1", "ingest", "uploads/study-1/instance-1", "application/dicom", 134184, new string('a', 64), Now),
        Now);

    [Fact]
    public void Progress_the_silo_wrote_is_read_back_without_parsing()
    {
        var record = Started();
        var progress = InstanceRecords.Progress(record)!;
        var advanced = progress with { NextStep = PipelineStep.ExtractMetadata, ContentSha256 = new string('a', 64) };
        var applied = InstanceRecords.Apply(record, new InstanceRun(advanced, [], null), new Pseudonymizer("secret"), Now);

        Assert.Same(advanced, InstanceRecords.Progress(applied));
        Assert.Same(InstanceRecords.Progress(record), InstanceRecords.Progress(record));
    }

    [Fact]
    public void Progress_read_from_elsewhere_is_parsed_and_equals_what_was_written()
    {
        var record = Started();
        var written = InstanceRecords.Progress(record)!;
        // The same JSON in another string, as the study table gives it back.
        var stored = record with { Progress = new string(record.Progress!.AsSpan()) };

        var read = InstanceRecords.Progress(stored)!;

        Assert.NotSame(written, read);
        Assert.Equal(JsonSerializer.Serialize(written, PipelineJson.Default.InstanceProgress), JsonSerializer.Serialize(read, PipelineJson.Default.InstanceProgress));
        Assert.Equal("instance-1", read.Item.InstanceKey);
        Assert.Same(read, InstanceRecords.Progress(stored));
    }

    [Fact]
    public void A_record_without_progress_has_none() => Assert.Null(InstanceRecords.Progress(Started() with { Progress = null }));
}
