using MedImaging.Dicom.Imaging.Codecs;
using MedImaging.Dicom.Imaging.Codecs.Jpeg;
using MedImaging.Dicom.Imaging.Tests.Oracles;
using MedImaging.Testing;

namespace MedImaging.Dicom.Imaging.Tests.Codecs.Jpeg;

public class JpegDecoderTests
{
    public static TheoryData<string> LosslessFiles() => new(TestCorpus.Manifest
        .Where(r => !r.IsBroken && r.TransferSyntaxUid is "1.2.840.10008.1.2.4.70" or "1.2.840.10008.1.2.4.57").Select(r => r.File));

    [Theory]
    [MemberData(nameof(LosslessFiles))]
    public void Lossless_frames_equal_dcmdjpeg_sample_for_sample(string file)
    {
        using var scratch = new TempDirectory();
        var source = DcmdumpPixelData.Read(TestCorpus.File(file), scratch);
        var (_, expected) = OracleDecompression.Decompress(TestCorpus.File(file), scratch, "dcmdjpeg");

        for (var frame = 0; frame < source.Frames; frame++)
        {
            var decoded = JpegDecoder.Decode(source.EncapsulatedFrame(frame), source.Format);
            Assert.Equal(expected[frame].Length, decoded.Samples.Length);
            Assert.True(expected[frame].AsSpan().SequenceEqual(decoded.Samples), $"frame {frame} differs from dcmdjpeg");
        }
    }

    [Fact]
    public void Extended_12_bit_dct_matches_dcmdjpeg_within_one_level()
    {
        using var scratch = new TempDirectory();
        var file = TestCorpus.File("mg_jpeg51_12u.dcm");
        var source = DcmdumpPixelData.Read(file, scratch);
        var (_, expected) = OracleDecompression.Decompress(file, scratch, "dcmdjpeg");

        var decoded = JpegDecoder.Decode(source.EncapsulatedFrame(0), source.Format);

        var ours = SampleReader.Unsigned16(decoded.Samples);
        var theirs = SampleReader.Unsigned16(expected[0]);
        Assert.Equal(theirs.Length, ours.Length);
        var off = Enumerable.Range(0, ours.Length).Count(i => Math.Abs(ours[i] - theirs[i]) > 1);
        Assert.True(off <= ours.Length / 1000, $"{off} of {ours.Length} samples differ by more than 1");
    }

    [Theory]
    [InlineData("us_mono8_jpeg50.dcm")]
    [InlineData("sc_ybrfull_jpeg50.dcm")]
    [InlineData("xc_ybr422_jpeg50_icon.dcm")]
    [InlineData("ot_rgb_jpeg51.dcm")] // JFIF YCbCr labelled RGB: like libjpeg we convert, so dcmtk is told to as well (+cg)
    public void Eight_bit_dct_through_turbojpeg_matches_dcmdjpeg(string name)
    {
        using var scratch = new TempDirectory();
        var file = TestCorpus.File(name);
        var source = DcmdumpPixelData.Read(file, scratch);
        var (_, expected) = OracleDecompression.Decompress(file, scratch, "dcmdjpeg", "+cg");

        var decoded = JpegDecoder.Decode(source.EncapsulatedFrame(0), source.Format);

        Assert.Equal(expected[0].Length, decoded.Samples.Length);
        var off = Enumerable.Range(0, expected[0].Length).Count(i => Math.Abs(expected[0][i] - decoded.Samples[i]) > 1);
        Assert.True(off <= expected[0].Length / 200, $"{off} of {expected[0].Length} samples differ by more than 1");
    }

    [Fact]
    public void Truncated_lossless_stream_is_a_codec_error()
    {
        using var scratch = new TempDirectory();
        var source = DcmdumpPixelData.Read(TestCorpus.File("ct_jpll70_12u.dcm"), scratch);
        var frame = source.EncapsulatedFrame(0);

        var error = Assert.ThrowsAny<CodecException>(() => JpegDecoder.Decode(frame.AsSpan(0, frame.Length / 2), source.Format));
        Assert.Contains("ends", error.Message);
    }

    [Fact]
    public void Size_mismatch_with_dataset_is_refused_before_decoding()
    {
        using var scratch = new TempDirectory();
        var source = DcmdumpPixelData.Read(TestCorpus.File("us_mono8_jpeg50.dcm"), scratch);

        Assert.Throws<CodecException>(() => JpegDecoder.Decode(source.EncapsulatedFrame(0), source.Format with { Rows = 16 }));
    }
}
