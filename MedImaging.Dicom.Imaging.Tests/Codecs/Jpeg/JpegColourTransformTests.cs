using MedImaging.Dicom.Imaging.Pixels;
using MedImaging.Dicom.Imaging.Rendering;
using MedImaging.Dicom.Imaging.Tests.Oracles;
using MedImaging.Testing;

namespace MedImaging.Dicom.Imaging.Tests.Codecs.Jpeg;

/// <summary>
/// Issue 18 class 6: a three-component JPEG stream says itself whether it holds RGB or YCbCr (JFIF, Adobe APP14
/// transform, component ids), and libjpeg converts to RGB only for YCbCr. We must do the same, whatever the dataset's
/// Photometric Interpretation says. dcmj2pnm is asked to follow the stream (+cg, libjpeg's guess); its default (+cp)
/// converts whenever the dataset says YBR, which for an RGB stream is wrong (PS3.5 8.2.1: the stream's colour space is
/// what Photometric Interpretation must describe). The 8-bit files also check against the image that was encoded.
/// </summary>
public class JpegColourTransformTests
{
    public enum Stream { AdobeRgb, RgbComponentIds, JfifYcbcr }

    [Theory]
    [InlineData(Stream.AdobeRgb, "YBR_FULL_422")]
    [InlineData(Stream.AdobeRgb, "RGB")]
    [InlineData(Stream.RgbComponentIds, "YBR_FULL_422")]
    [InlineData(Stream.RgbComponentIds, "RGB")]
    [InlineData(Stream.JfifYcbcr, "YBR_FULL_422")]
    [InlineData(Stream.JfifYcbcr, "RGB")]
    public void Baseline_8_bit_follows_the_stream_like_libjpeg(Stream stream, string photometric)
    {
        using var scratch = new TempDirectory();
        var original = scratch.File("original.ppm");
        ExternalTool.Run("dcmj2pnm", "+op", TestCorpus.File("sc_rgb_ele_pc0.dcm"), original);
        var jpeg = scratch.File("image.jpg");
        File.WriteAllBytes(jpeg, Encode8(original, stream, scratch));
        var file = scratch.File("image.dcm");
        ExternalTool.Run("img2dcm", "-i", "JPEG", jpeg, file);
        ExternalTool.Run("dcmodify", "-nb", "-q", "-m", $"(0028,0004)={photometric}", file);

        var ours = Render(file);
        RenderingComparison.AssertAgrees(Pnm.Read(original), ours, "the encoded image");
        RenderingComparison.AssertAgrees(RenderingComparison.Dcmj2pnm(file, scratch, "+cg"), ours, "dcmj2pnm +cg");
    }

    [Theory]
    [InlineData(Stream.AdobeRgb, "YBR_FULL")]
    [InlineData(Stream.AdobeRgb, "RGB")]
    [InlineData(Stream.RgbComponentIds, "YBR_FULL")]
    [InlineData(Stream.RgbComponentIds, "RGB")]
    [InlineData(Stream.JfifYcbcr, "YBR_FULL")]
    [InlineData(Stream.JfifYcbcr, "RGB")]
    public void Extended_12_bit_follows_the_stream_like_libjpeg(Stream stream, string photometric)
    {
        using var scratch = new TempDirectory();
        var native = scratch.File("native12.dcm");
        File.Copy(TestCorpus.File("sc_rgb16_ele_mf2.dcm"), native);
        ExternalTool.Run("dcmodify", "-nb", "-q", "-m", "(0028,0101)=12", "-m", "(0028,0102)=11", native);
        var file = scratch.File("image.dcm");
        ExternalTool.Run("dcmcjpeg", "+ee", "+s4", native, file);
        File.WriteAllBytes(file, Relabel(File.ReadAllBytes(file), stream));
        ExternalTool.Run("dcmodify", "-nb", "-q", "-m", $"(0028,0004)={photometric}", file);

        RenderingComparison.AssertAgrees(RenderingComparison.Dcmj2pnm(file, scratch, "+cg"), Render(file), "dcmj2pnm +cg");
    }

    /// <summary>
    /// Real files whose stream does not say its colour space (no JFIF or Adobe segment): ids 0, 1, 2 under RGB are an
    /// RGB tile without transform, rendered as dcmj2pnm's default does (it follows the dataset), where libjpeg's guess
    /// (YCbCr) makes 0% agree; ids 1, 2, 3 are YCbCr even under RGB, as libjpeg guesses (+cg) and as the lossless
    /// original shows, where dcmj2pnm's default is off by about 90 levels.
    /// </summary>
    [Fact]
    public void A_stream_that_does_not_say_follows_the_dataset_unless_its_ids_are_jfif_ones()
    {
        using var scratch = new TempDirectory();
        var tile = WildFile("SC_jpeg_no_color_transform.dcm");
        RenderingComparison.AssertAgrees(RenderingComparison.Dcmj2pnm(tile, scratch), Render(tile), "dcmj2pnm (+cp)");

        var ycbcr = WildFile("SC_rgb_jpeg_lossy_gdcm.dcm");
        var ours = Render(ycbcr);
        RenderingComparison.AssertAgrees(RenderingComparison.Dcmj2pnm(ycbcr, scratch, "+cg"), ours, "dcmj2pnm +cg");
        var original = Render(WildFile("SC_rgb_rle.dcm"));
        var meanError = ours.Pixels.Zip(original.Pixels, (a, b) => Math.Abs(a - b)).Average();
        Assert.True(meanError < 5, $"mean error {meanError:F1} against the lossless original");
    }

    private static string WildFile(string name) => Path.Combine(TestCorpus.RepositoryRoot, "testdata", "wild", name);

    private static RenderedImage Render(string file) =>
        ImageRenderer.Render(DicomPixelData.Create(MedImaging.Dicom.DicomFile.Open(file)), new RenderOptions(0, new WindowChoice.MinMax()));

    private static byte[] Encode8(string ppm, Stream stream, TempDirectory scratch)
    {
        var output = scratch.File("cjpeg.jpg");
        ExternalTool.Run("cjpeg", stream == Stream.JfifYcbcr ? ["-quality", "100", "-sample", "1x1", "-outfile", output, ppm] : ["-rgb", "-quality", "100", "-outfile", output, ppm]);
        var jpeg = File.ReadAllBytes(output);
        // cjpeg -rgb writes an Adobe segment (transform 0) and component ids 'R','G','B'; without the segment the ids decide.
        return stream == Stream.RgbComponentIds ? RemoveSegment(jpeg, 0xEE) : jpeg;
    }

    /// <summary>
    /// dcmcjpeg writes JFIF and component ids 1, 2, 3 (YCbCr). The samples are kept and only the labels change, so a
    /// decoder that follows the labels shows the stored YCbCr triplets as RGB: the 16-byte JFIF segment becomes an Adobe
    /// segment of the same size (transform 0), or a comment, with the ids in SOF and SOS turned into 'R','G','B'.
    /// </summary>
    private static byte[] Relabel(byte[] dicom, Stream stream)
    {
        if (stream == Stream.JfifYcbcr) return dicom;
        byte[] jfif = [0xFF, 0xE0, 0x00, 0x10, (byte)'J', (byte)'F', (byte)'I', (byte)'F', 0];
        var patched = 0;
        for (var at = dicom.AsSpan().IndexOf(jfif); at >= 0; at = Next(dicom, jfif, at))
        {
            if (stream == Stream.AdobeRgb)
                new byte[] { 0xFF, 0xEE, 0x00, 0x10, (byte)'A', (byte)'d', (byte)'o', (byte)'b', (byte)'e', 0, 100, 0, 0, 0, 0, 0 }.CopyTo(dicom, at);
            else
            {
                dicom[at + 1] = 0xFE;
                RenameComponents(dicom, at);
            }
            patched++;
        }
        Assert.True(patched > 0, "no JFIF segment to relabel");
        return dicom;
    }

    private static int Next(byte[] data, byte[] pattern, int after)
    {
        var next = data.AsSpan(after + 1).IndexOf(pattern);
        return next < 0 ? -1 : after + 1 + next;
    }

    private static void RenameComponents(byte[] data, int from)
    {
        byte[] rgb = [(byte)'R', (byte)'G', (byte)'B'];
        var sof = data.AsSpan(from).IndexOf([(byte)0xFF, (byte)0xC1]) + from;
        for (var i = 0; i < 3; i++) data[sof + 10 + 3 * i] = rgb[i];
        var sos = data.AsSpan(sof).IndexOf([(byte)0xFF, (byte)0xDA]) + sof;
        Assert.Equal(3, data[sos + 4]);
        for (var i = 0; i < 3; i++) data[sos + 5 + 2 * i] = rgb[i];
    }

    private static byte[] RemoveSegment(byte[] jpeg, byte marker)
    {
        var at = jpeg.AsSpan().IndexOf([(byte)0xFF, marker]);
        Assert.True(at > 0, $"no 0xFF{marker:X2} segment");
        var length = (jpeg[at + 2] << 8) | jpeg[at + 3];
        return [.. jpeg.AsSpan(0, at), .. jpeg.AsSpan(at + 2 + length)];
    }
}
