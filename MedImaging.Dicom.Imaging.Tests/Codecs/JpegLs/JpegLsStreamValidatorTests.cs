using MedImaging.Dicom.Imaging.Codecs;
using MedImaging.Dicom.Imaging.Codecs.JpegLs;
using MedImaging.Dicom.Imaging.Pixels;
using MedImaging.Testing;

namespace MedImaging.Dicom.Imaging.Tests.Codecs.JpegLs;

public class JpegLsStreamValidatorTests
{
    public static TheoryData<string> JpegLsFiles() => new(TestCorpus.Manifest
        .Where(r => !r.IsBroken && r.TransferSyntaxUid is "1.2.840.10008.1.2.4.80" or "1.2.840.10008.1.2.4.81").Select(r => r.File));

    private static (byte[] Frame, PixelFormat Format) FirstFrame(string file)
    {
        var pixels = DicomPixelData.Create(MedImaging.Dicom.DicomFile.Open(TestCorpus.File(file)));
        return (pixels.GetEncodedFrame(0), pixels.Format);
    }

    [Theory]
    [MemberData(nameof(JpegLsFiles))]
    public void Every_corpus_stream_passes(string file)
    {
        var (frame, format) = FirstFrame(file);
        JpegLsStreamValidator.Validate(frame, format.SamplesPerPixel);
    }

    // The inputs that made CharLS 2.4 spin for 20-40 s each: a stream cut anywhere inside its scan.
    [Theory]
    [InlineData("mr_enh_mf10_jls80.dcm")]
    [InlineData("ot_jls80_15s.dcm")]
    [InlineData("sc_rgb_jls81_ilv0.dcm")]
    public void A_stream_cut_inside_a_scan_is_refused(string file)
    {
        var (frame, format) = FirstFrame(file);
        foreach (var fraction in new[] { 0.2, 0.5, 0.9 })
        {
            var cut = frame.AsSpan(0, (int)(frame.Length * fraction)).ToArray();
            var error = Assert.Throws<CodecException>(() => JpegLsStreamValidator.Validate(cut, format.SamplesPerPixel));
            Assert.Contains("truncated", error.Message);
        }
    }

    [Fact]
    public void Bytes_after_the_end_marker_are_refused()
    {
        var (frame, format) = FirstFrame("ot_jls80_15s.dcm");
        byte[] padded = [.. frame, 0, 0];
        byte[] trailing = [.. frame, 0x12, 0x34];

        JpegLsStreamValidator.Validate(padded, format.SamplesPerPixel);
        Assert.Throws<CodecException>(() => JpegLsStreamValidator.Validate(trailing, format.SamplesPerPixel));
    }

    [Fact]
    public void A_non_jpeg_ls_marker_is_refused()
    {
        var (frame, format) = FirstFrame("ot_jls80_15s.dcm");
        var sofAt = frame.AsSpan().IndexOf([(byte)0xFF, (byte)0xF7]);
        frame[sofAt + 1] = 0xC3; // a JPEG lossless SOF3 where the JPEG-LS SOF55 was

        Assert.Throws<CodecException>(() => JpegLsStreamValidator.Validate(frame, format.SamplesPerPixel));
    }
}
