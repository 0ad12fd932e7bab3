using MedImaging.Dicom.Imaging.Codecs;
using MedImaging.Dicom.Imaging.Codecs.Native;
using MedImaging.Dicom.Imaging.Tests.Oracles;
using MedImaging.Testing;

namespace MedImaging.Dicom.Imaging.Tests.Codecs.Native;

public class OpenJpegDecoderTests
{
    public static TheoryData<string> LosslessFiles() => new(TestCorpus.Manifest
        .Where(r => !r.IsBroken && r.TransferSyntaxUid == "1.2.840.10008.1.2.4.90").Select(r => r.File));

    public static TheoryData<string> LossyFiles() => new(TestCorpus.Manifest
        .Where(r => !r.IsBroken && r.TransferSyntaxUid == "1.2.840.10008.1.2.4.91").Select(r => r.File));

    [Theory]
    [MemberData(nameof(LosslessFiles))]
    public void Lossless_frames_equal_gdcmconv_raw_sample_for_sample(string file)
    {
        using var scratch = new TempDirectory();
        var source = DcmdumpPixelData.Read(TestCorpus.File(file), scratch);
        var (_, expected) = OracleDecompression.Decompress(TestCorpus.File(file), scratch, "gdcmconv");

        for (var frame = 0; frame < source.Frames; frame++)
        {
            var decoded = OpenJpegDecoder.Decode(source.EncapsulatedFrame(frame), source.Format);
            Assert.Equal(expected[frame].Length, decoded.Samples.Length);
            Assert.True(expected[frame].AsSpan().SequenceEqual(decoded.Samples), $"frame {frame} differs from gdcmconv --raw");
        }
    }

    [Theory]
    [MemberData(nameof(LossyFiles))]
    public void Lossy_frames_match_gdcmconv_raw_within_one(string file)
    {
        using var scratch = new TempDirectory();
        var source = DcmdumpPixelData.Read(TestCorpus.File(file), scratch);
        var (_, expected) = OracleDecompression.Decompress(TestCorpus.File(file), scratch, "gdcmconv");

        var decoded = OpenJpegDecoder.Decode(source.EncapsulatedFrame(0), source.Format);

        Assert.Equal(expected[0].Length, decoded.Samples.Length);
        var wide = source.Format.BytesPerSample == 2;
        var ours = wide ? SampleReader.Unsigned16(decoded.Samples) : decoded.Samples.Select(b => (int)b).ToArray();
        var theirs = wide ? SampleReader.Unsigned16(expected[0]) : expected[0].Select(b => (int)b).ToArray();
        var off = Enumerable.Range(0, ours.Length).Count(i => Math.Abs(ours[i] - theirs[i]) > 1);
        Assert.True(off <= ours.Length / 1000, $"{off} of {ours.Length} samples differ by more than 1");
    }

    [Fact]
    public void Truncated_codestream_is_a_codec_error()
    {
        using var scratch = new TempDirectory();
        var source = DcmdumpPixelData.Read(TestCorpus.File("ct_j2kr_14s.dcm"), scratch);
        var frame = source.EncapsulatedFrame(0);

        Assert.ThrowsAny<CodecException>(() => OpenJpegDecoder.Decode(frame.AsSpan(0, 200), source.Format));
    }

    [Fact]
    public void Codestream_larger_than_the_dataset_says_is_refused_before_decoding()
    {
        using var scratch = new TempDirectory();
        var source = DcmdumpPixelData.Read(TestCorpus.File("ct_j2kr_14s.dcm"), scratch);

        var error = Assert.Throws<CodecException>(() => OpenJpegDecoder.Decode(source.EncapsulatedFrame(0), source.Format with { Rows = 64 }));
        Assert.Contains("dataset says", error.Message);
    }
}
