using MedImaging.Dicom.Tests.Support;

namespace MedImaging.Dicom.Tests.Oracles;

/// <summary>
/// Each corpus file dcmtk reads, read and written back unchanged in its own transfer syntax, is byte-identical to
/// the original; where it is not (deflated datasets: the compressor differs), dcmdump prints the same dataset for both.
/// </summary>
public class DcmdumpWriteBackTests
{
    [Theory]
    [MemberData(nameof(CorpusFiles.All), MemberType = typeof(CorpusFiles))]
    public void Written_back_file_is_identical_or_dcmdump_prints_the_same(string name)
    {
        var path = CorpusFiles.PathOf(name);
        var original = ExternalTool.Run("dcmdump", "-q", "+L", path);
        if (original.ExitCode != 0)
        {
            Assert.Throws<DicomFormatException>(() => DicomFile.Open(path));
            return;
        }
        using var scratch = new ScratchDirectory();
        var written = scratch.File("written.dcm");
        var file = DicomFile.Open(path);
        file.Save(written, new DicomWriteOptions { WriteRawDataset = file.Format == DicomFileFormat.RawDataset });

        var before = File.ReadAllBytes(path);
        var after = File.ReadAllBytes(written);
        if (before.AsSpan().SequenceEqual(after)) return;

        Assert.True(file.TransferSyntax.IsDeflate,
            $"{name}: written back with {after.Length} bytes (original {before.Length}), first difference at offset {FirstDifference(before, after)}");
        var rewritten = ExternalTool.Run("dcmdump", "-q", "+L", written);
        Assert.True(rewritten.ExitCode == 0, $"dcmdump cannot read our write-back of {name}: {rewritten.Error}");
        var expected = original.Output.Split('\n');
        var actual = rewritten.Output.Split('\n');
        var line = FirstDifference(expected, actual);
        Assert.True(line < 0, $"{name}: dcmdump differs at line {line + 1}: '{At(expected, line)}' vs '{At(actual, line)}'");
    }

    private static int FirstDifference(byte[] a, byte[] b)
    {
        var n = Math.Min(a.Length, b.Length);
        for (var i = 0; i < n; i++)
            if (a[i] != b[i]) return i;
        return n;
    }

    private static int FirstDifference(string[] a, string[] b)
    {
        for (var i = 0; i < Math.Max(a.Length, b.Length); i++)
            if (At(a, i) != At(b, i)) return i;
        return -1;
    }

    private static string At(string[] lines, int index) => index >= 0 && index < lines.Length ? lines[index] : "(end)";
}
