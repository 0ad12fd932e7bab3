using MedImaging.Dicom.Imaging.Codecs;
using MedImaging.Dicom.Imaging.Codecs.Native;
using MedImaging.Dicom.Imaging.Tests.Oracles;
using MedImaging.Testing;

namespace MedImaging.Dicom.Imaging.Tests.Codecs.Native;

public class CharLsDecoderTests
{
    public static TheoryData<string> JpegLsFiles() => new(TestCorpus.Manifest
        .Where(r => !r.IsBroken && r.TransferSyntaxUid is "1.2.840.10008.1.2.4.80" or "1.2.840.10008.1.2.4.81").Select(r => r.File));

    [Theory]
    [MemberData(nameof(JpegLsFiles))]
    public void Frames_equal_dcmdjpls_sample_for_sample(string file)
    {
        using var scratch = new TempDirectory();
        var source = DcmdumpPixelData.Read(TestCorpus.File(file), scratch);
        var (_, expected) = OracleDecompression.Decompress(TestCorpus.File(file), scratch, "dcmdjpls");

        for (var frame = 0; frame < source.Frames; frame++)
        {
            var decoded = CharLsDecoder.Decode(source.EncapsulatedFrame(frame), source.Format);
            Assert.Equal(expected[frame].Length, decoded.Samples.Length);
            Assert.True(expected[frame].AsSpan().SequenceEqual(decoded.Samples), $"frame {frame} differs from dcmdjpls");
        }
    }

    [Fact]
    public void Truncated_stream_is_a_codec_error()
    {
        using var scratch = new TempDirectory();
        var source = DcmdumpPixelData.Read(TestCorpus.File("ot_jls80_15s.dcm"), scratch);
        var frame = source.EncapsulatedFrame(0);

        Assert.ThrowsAny<CodecException>(() => CharLsDecoder.Decode(frame.AsSpan(0, frame.Length / 3), source.Format));
    }
}
