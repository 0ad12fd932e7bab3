using MedImaging.Cli;
using MedImaging.Testing;

namespace MedImaging.Dicom.Deidentification.Tests.Cli;

/// <summary>`medimaging deid` through the CLI entry point, on real corpus files.</summary>
public sealed class DeidCommandTests : IDisposable
{
    private readonly string _output = Path.Combine(Path.GetTempPath(), "deid-cli-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_output))
            Directory.Delete(_output, recursive: true);
    }

    private (int ExitCode, string Output, string Errors) Run(params string[] args)
    {
        var output = new StringWriter();
        var errors = new StringWriter();
        var exitCode = CommandLine.Run(args, output, errors);
        return (exitCode, output.ToString(), errors.ToString());
    }

    [Fact]
    public void Writes_one_file_per_input_named_by_its_new_sop_instance_uid()
    {
        var inputs = new[] { "cr_mono1_ele_phi.dcm", "study_knee_s1_01.dcm", "mr_enh_mf10_deflate_phi.dcm" }.Select(TestCorpus.File).ToArray();
        var (exitCode, _, errors) = Run(["deid", .. inputs, "-o", _output, "--secret", "s3cret", "--audit"]);

        Assert.Equal(0, exitCode);
        Assert.DoesNotContain("error", errors);
        var written = Directory.GetFiles(_output, "*.dcm");
        Assert.Equal(3, written.Length);
        foreach (var path in written)
        {
            var dataset = DicomFile.Open(path).Dataset;
            Assert.Equal(Path.GetFileNameWithoutExtension(path), dataset.GetString(DicomTag.SOPInstanceUID));
            Assert.Equal("YES", dataset.GetString(DicomTag.PatientIdentityRemoved));
            Assert.True(File.Exists(Path.ChangeExtension(path, ".audit.json")));
        }
        Assert.Empty(Directory.GetFiles(_output, "*.partial"));
    }

    [Fact]
    public void Unreadable_inputs_give_an_error_line_and_exit_2_while_the_others_are_written()
    {
        var good = TestCorpus.File("ct_jls81_14s_phi.dcm");
        var garbage = TestCorpus.File("broken_garbage.dcm");
        var truncated = TestCorpus.File("broken_trunc_pixel.dcm");
        var missing = Path.Combine(_output, "missing.dcm");
        var (exitCode, _, errors) = Run("deid", garbage, good, truncated, missing, "-o", _output, "--secret", "s");

        Assert.Equal(2, exitCode);
        var lines = errors.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains(lines, l => l.StartsWith($"error: {garbage}: ", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith($"error: {truncated}: ", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith($"error: {missing}: ", StringComparison.Ordinal));
        Assert.Single(Directory.GetFiles(_output, "*.dcm"));
        Assert.Empty(Directory.GetFiles(_output, "*.partial"));
    }

    [Fact]
    public void Same_secret_gives_same_file_names_and_bytes()
    {
        var input = TestCorpus.File("us_rgb_ele_pc1_phi.dcm");
        Run("deid", input, "-o", Path.Combine(_output, "a"), "--secret", "same");
        Run("deid", input, "-o", Path.Combine(_output, "b"), "--secret", "same");
        var a = Assert.Single(Directory.GetFiles(Path.Combine(_output, "a")));
        var b = Assert.Single(Directory.GetFiles(Path.Combine(_output, "b")));
        Assert.Equal(Path.GetFileName(a), Path.GetFileName(b));
        Assert.Equal(File.ReadAllBytes(a), File.ReadAllBytes(b));
    }

    [Fact]
    public void Options_are_applied_by_name()
    {
        var input = TestCorpus.File("study_knee_s1_01.dcm");
        var (exitCode, _, _) = Run("deid", input, "-o", _output, "--secret", "s", "--option", "retain-uids", "--option", "retain_longitudinal_full_dates");
        Assert.Equal(0, exitCode);
        var original = DicomFile.Open(input).Dataset;
        var output = DicomFile.Open(Assert.Single(Directory.GetFiles(_output))).Dataset;
        Assert.Equal(original.GetString(DicomTag.StudyInstanceUID), output.GetString(DicomTag.StudyInstanceUID));
        Assert.Equal(original.GetString(DicomTag.StudyDate), output.GetString(DicomTag.StudyDate));
        var codes = output.GetSequence(DicomTag.DeidentificationMethodCodeSequence)!.Items.Select(i => i.GetString(DicomTag.CodeValue));
        Assert.Equal(["113100", "113106", "113110"], codes);
    }

    [Fact]
    public void Clean_recognizable_visual_features_refuses_head_volumes_with_an_error_line_and_writes_the_others()
    {
        var head = TestCorpus.File("mr_enh_mf10_deflate_phi.dcm"); // MR, Body Part Examined HEAD
        var chest = TestCorpus.File("cr_mono1_ele_phi.dcm");
        var (exitCode, _, errors) = Run("deid", head, chest, "-o", _output, "--secret", "s", "--option", "clean-recognizable-visual-features", "--threads", "1");

        Assert.Equal(2, exitCode);
        Assert.StartsWith($"error: {head}: refused: ", errors);
        Assert.Contains("HEAD", errors);
        var written = Assert.Single(Directory.GetFiles(_output, "*.dcm"));
        Assert.Equal("CR", DicomFile.Open(written).Dataset.GetString(DicomTag.Modality));
    }

    [Theory]
    [InlineData("deid")]
    [InlineData("deid", "x.dcm")]
    [InlineData("deid", "x.dcm", "-o")]
    [InlineData("deid", "x.dcm", "-o", "dir", "--option", "retain-everything")]
    [InlineData("deid", "x.dcm", "-o", "dir", "--safe-private", "bad")]
    [InlineData("deid", "x.dcm", "-o", "dir", "--threads", "0")]
    public void Bad_arguments_are_usage_errors(params string[] args)
    {
        var (exitCode, _, errors) = Run(args);
        Assert.Equal(CommandLine.UsageError, exitCode);
        Assert.Contains("usage: medimaging deid", errors);
    }
}
