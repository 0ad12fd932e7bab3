using MedImaging.Cli;
using MedImaging.Testing;

namespace MedImaging.Dicom.Deidentification.Tests.Cli;

/// <summary>`medimaging bench deid` runs all three tools on the same inputs and prints each figure (timings are not asserted).</summary>
public class BenchDeidCommandTests
{
    [Fact]
    public void Prints_our_figure_and_both_peers_from_the_same_run()
    {
        var output = new StringWriter();
        var errors = new StringWriter();
        var exitCode = CommandLine.Run(["bench", "deid", "--count", "4", "--runs", "1", "--source", TestCorpus.File("ct_ele_14s.dcm")], output, errors);

        Assert.True(exitCode == 0, errors.ToString());
        var text = output.ToString();
        Assert.Matches(@"medimaging\s+4 files in\s+[0-9.]+ s =\s+[0-9.]+ files/s", text);
        Assert.Matches(@"gdcmanon\s+4 files in", text);
        Assert.Matches(@"pydicom\s+4 files in", text);
        Assert.Contains("x gdcmanon (target >= 2x", text);
        Assert.Contains("x pydicom (target >= 10x", text);
    }

    [Fact]
    public void Missing_source_is_an_error()
    {
        var errors = new StringWriter();
        var exitCode = CommandLine.Run(["bench", "deid", "--source", "/nonexistent/ct.dcm"], new StringWriter(), errors);
        Assert.Equal(2, exitCode);
        Assert.StartsWith("error: ", errors.ToString());
    }
}
