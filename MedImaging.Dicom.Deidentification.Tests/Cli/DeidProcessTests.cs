using System.Diagnostics;
using System.Text.RegularExpressions;
using MedImaging.Dicom.Deidentification.Tests.Support;
using MedImaging.Testing;

namespace MedImaging.Dicom.Deidentification.Tests.Cli;

/// <summary>
/// `medimaging deid` as a separate process, as users run it: the executable the build put beside these tests, so
/// always one built from the current sources. A NativeAOT binary under .artifacts/ is never picked up by itself
/// (nothing rebuilds it when the sources change); set MEDIMAGING_CLI to test one on purpose. Outputs are checked with dcmtk.
/// </summary>
public sealed partial class DeidProcessTests : IDisposable
{
    private readonly string _output = Directory.CreateTempSubdirectory("deid-process-").FullName;

    public void Dispose() => Directory.Delete(_output, recursive: true);

    private static string Executable()
    {
        if (Environment.GetEnvironmentVariable("MEDIMAGING_CLI") is { Length: > 0 } given) return given;
        return Path.Combine(AppContext.BaseDirectory, "medimaging");
    }

    private static (int ExitCode, string Output, string Errors) Run(params string[] args)
    {
        var start = new ProcessStartInfo(Executable(), args) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(120_000))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("medimaging deid did not finish");
        }
        return (process.ExitCode, output.Result, errors.Result);
    }

    [Fact]
    public void Writes_outputs_dcmtk_reads_named_by_their_new_sop_instance_uid()
    {
        var inputs = new[] { "cr_mono1_ele_phi.dcm", "ct_jls81_14s_phi.dcm", "mr_enh_mf10_deflate_phi.dcm", "ct_ele_14s.dcm" }.Select(TestCorpus.File).ToArray();
        var (exitCode, _, errors) = Run(["deid", .. inputs, "-o", _output, "--secret", "process-test"]);

        Assert.True(exitCode == 0, errors);
        var written = Directory.GetFiles(_output);
        Assert.Equal(inputs.Length, written.Length);
        foreach (var path in written)
        {
            var (dumpExit, dump, dumpErrors) = Dcmtk.Dump(path);
            Assert.True(dumpExit == 0 && dumpErrors.Length == 0, $"{path}: {dumpErrors}");
            Assert.Contains("(0012,0062) CS [YES]", dump);
            var sopInstance = SopInstanceUid().Match(dump);
            Assert.True(sopInstance.Success, dump);
            Assert.Equal(Path.GetFileNameWithoutExtension(path), sopInstance.Groups[1].Value);
            Assert.DoesNotContain("(0010,0010) PN [", dump.Replace("(0010,0010) PN (no value", "", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Unreadable_inputs_give_an_error_line_each_and_exit_2_while_the_others_are_written()
    {
        var good = TestCorpus.File("cr_mono1_ele_phi.dcm");
        var garbage = TestCorpus.File("broken_garbage.dcm");
        var missing = Path.Combine(_output, "missing.dcm");
        var (exitCode, _, errors) = Run("deid", garbage, good, missing, "-o", _output, "--secret", "process-test");

        Assert.Equal(2, exitCode);
        var lines = errors.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains(lines, l => l.StartsWith($"error: {garbage}: ", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith($"error: {missing}: ", StringComparison.Ordinal));
        var written = Assert.Single(Directory.GetFiles(_output));
        Assert.Equal(0, Dcmtk.Dump(written).ExitCode);
    }

    [GeneratedRegex(@"\(0008,0018\) UI \[([0-9.]+)\]")]
    private static partial Regex SopInstanceUid();

    [Fact]
    public void The_process_runs_the_cli_assembly_built_with_these_tests()
    {
        if (Environment.GetEnvironmentVariable("MEDIMAGING_CLI") is { Length: > 0 }) return; // a binary chosen on purpose
        var beside = Path.Combine(Path.GetDirectoryName(Executable())!, "medimaging.dll");
        var referenced = typeof(MedImaging.Cli.CommandLine).Assembly.Location;
        Assert.Equal(Path.GetFullPath(referenced), Path.GetFullPath(beside));
    }
}
