using MedImaging.Cli;
using MedImaging.Testing;

namespace MedImaging.Dicom.Tests.Cli;

public class DumpCommandTests
{
    [Fact]
    public void Dumps_each_file_and_reports_unreadable_ones_with_exit_code_2()
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = CommandLine.Run(["dump", TestCorpus.File("broken_garbage.dcm"), TestCorpus.File("ct_ele_14s.dcm"), "/nonexistent.dcm"], output, error);
        Assert.Equal(2, code);
        var errors = error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, errors.Length);
        Assert.StartsWith($"error: {TestCorpus.File("broken_garbage.dcm")}: ", errors[0]);
        Assert.Equal("error: /nonexistent.dcm: no such file", errors[1]);
        Assert.Contains("(0028,0010) US 512", output.ToString());
    }

    [Fact]
    public void Unknown_command_prints_usage()
    {
        var error = new StringWriter();
        Assert.Equal(CommandLine.UsageError, CommandLine.Run(["frobnicate"], new StringWriter(), error));
        Assert.Contains("dump", error.ToString());
    }
}
