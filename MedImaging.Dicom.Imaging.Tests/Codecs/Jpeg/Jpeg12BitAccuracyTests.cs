using MedImaging.Dicom.Imaging.Codecs.Jpeg;
using MedImaging.Dicom.Imaging.Pixels;
using MedImaging.Dicom.Imaging.Rendering;
using MedImaging.Dicom.Imaging.Tests.Oracles;
using MedImaging.Testing;

namespace MedImaging.Dicom.Imaging.Tests.Codecs.Jpeg;

/// <summary>
/// Issue 18 class 7: 12-bit lossy JPEG (process 4, TS .51) decoded by our DCT decoder gives libjpeg's samples exactly
/// (its accurate integer IDCT), so windowed renderings agree with dcmj2pnm. Besides the corpus file, dcmcjpeg makes
/// process 4 files at several qualities from 12-bit corpus images at test time.
/// </summary>
public class Jpeg12BitAccuracyTests
{
    public static TheoryData<string, int> Sources() => new()
    {
        { "mg_jpeg51_12u.dcm", 0 },
        { "mr_enh_mf10_ele_12u.dcm", 90 },
        { "mr_enh_mf10_ele_12u.dcm", 50 },
        { "ct_jpll70_12u.dcm", 75 },
        { "mg_jpll70_12u.dcm", 95 },
    };

    [Theory]
    [MemberData(nameof(Sources))]
    public void Samples_equal_dcmdjpeg(string corpusFile, int quality)
    {
        using var scratch = new TempDirectory();
        var file = Process4File(corpusFile, quality, scratch);
        var source = DcmdumpPixelData.Read(file, scratch);
        var (_, expected) = OracleDecompression.Decompress(file, scratch, "dcmdjpeg");

        var decoded = JpegDecoder.Decode(source.EncapsulatedFrame(0), source.Format);

        var ours = SampleReader.Unsigned16(decoded.Samples);
        var theirs = SampleReader.Unsigned16(expected[0]);
        Assert.Equal(theirs.Length, ours.Length);
        var differing = Enumerable.Range(0, ours.Length).Count(i => ours[i] != theirs[i]);
        Assert.True(differing == 0, $"{differing} of {ours.Length} samples differ from dcmdjpeg");
    }

    [Theory]
    [MemberData(nameof(Sources))]
    public void Min_max_rendering_agrees_with_dcmj2pnm(string corpusFile, int quality)
    {
        using var scratch = new TempDirectory();
        var file = Process4File(corpusFile, quality, scratch);
        var expected = RenderingComparison.Dcmj2pnm(file, scratch, "+Wm");
        var ours = ImageRenderer.Render(DicomPixelData.Create(MedImaging.Dicom.DicomFile.Open(file)), new RenderOptions(0, new WindowChoice.MinMax()));
        RenderingComparison.AssertAgrees(expected, ours, "dcmj2pnm");
    }

    /// <summary>The corpus file itself (quality 0), or made native by dcmdjpeg and re-encoded by dcmcjpeg +ee (extended sequential, 12-bit).</summary>
    private static string Process4File(string corpusFile, int quality, TempDirectory scratch)
    {
        if (quality == 0) return TestCorpus.File(corpusFile);
        var native = scratch.File("native.dcm");
        var row = TestCorpus.Manifest.Single(r => r.File == corpusFile);
        if (row.TransferSyntaxUid.StartsWith("1.2.840.10008.1.2.4.", StringComparison.Ordinal))
            ExternalTool.Run("dcmdjpeg", TestCorpus.File(corpusFile), native);
        else File.Copy(TestCorpus.File(corpusFile), native);
        var output = scratch.File($"process4-q{quality}.dcm");
        ExternalTool.Run("dcmcjpeg", "+ee", "+q", quality.ToString(System.Globalization.CultureInfo.InvariantCulture), native, output);
        return output;
    }
}
