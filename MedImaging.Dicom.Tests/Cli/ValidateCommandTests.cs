using MedImaging.Cli;
using MedImaging.Testing;

namespace MedImaging.Dicom.Tests.Cli;

public class ValidateCommandTests
{
    [Fact]
    public void Prints_findings_and_errors_per_file()
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = CommandLine.Run(["validate", TestCorpus.File("rawds_ele_nometa.dcm"), TestCorpus.File("broken_badmagic.dcm"), TestCorpus.File("ct_ele_14s.dcm")], output, error);
        Assert.Equal(2, code);
        Assert.Contains("no-file-meta", output.ToString());
        Assert.StartsWith($"error: {TestCorpus.File("broken_badmagic.dcm")}: ", error.ToString());
        Assert.DoesNotContain("   at ", error.ToString());
    }

    [Fact]
    public void Exit_code_is_1_when_a_readable_file_has_errors()
    {
        var path = Path.Combine(Path.GetTempPath(), $"medimaging-validate-{Guid.NewGuid():N}.dcm");
        try
        {
            var file = DicomFile.Open(TestCorpus.File("ct_ele_14s.dcm"));
            file.Dataset.Remove(DicomTag.SeriesInstanceUID);
            file.Save(path);
            var output = new StringWriter();
            Assert.Equal(1, CommandLine.Run(["validate", path], output, new StringWriter()));
            Assert.Contains("missing-type1", output.ToString());
            Assert.Equal(0, CommandLine.Run(["validate", TestCorpus.File("ct_ele_14s.dcm")], new StringWriter(), new StringWriter()));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
