using MedImaging.Dicom.Imaging.Codecs;
using MedImaging.Dicom.Imaging.Codecs.Rle;
using MedImaging.Dicom.Imaging.Tests.Oracles;
using MedImaging.Testing;

namespace MedImaging.Dicom.Imaging.Tests.Codecs.Rle;

public class RleDecoderTests
{
    public static TheoryData<string> RleFiles() => new(TestCorpus.Manifest
        .Where(r => !r.IsBroken && r.TransferSyntaxUid == "1.2.840.10008.1.2.5" && r.File != "ct_rle_frags.dcm").Select(r => r.File));

    [Theory]
    [MemberData(nameof(RleFiles))]
    public void Frames_equal_dcmdrle_sample_for_sample(string file)
    {
        using var scratch = new TempDirectory();
        var source = DcmdumpPixelData.Read(TestCorpus.File(file), scratch);
        var (_, expected) = OracleDecompression.Decompress(TestCorpus.File(file), scratch, "dcmdrle");

        for (var frame = 0; frame < source.Frames; frame++)
        {
            var decoded = RleDecoder.Decode(source.EncapsulatedFrame(frame), source.Format);
            Assert.True(expected[frame].AsSpan().SequenceEqual(decoded.Samples), $"frame {frame} differs from dcmdrle");
        }
    }

    [Fact]
    public void Frame_split_over_several_fragments_decodes_when_joined()
    {
        using var scratch = new TempDirectory();
        var file = TestCorpus.File("ct_rle_frags.dcm");
        var source = DcmdumpPixelData.Read(file, scratch);
        var (_, expected) = OracleDecompression.Decompress(file, scratch, "dcmdrle");
        Assert.True(source.Items.Count > 2);

        var decoded = RleDecoder.Decode(source.Items.Skip(1).SelectMany(b => b).ToArray(), source.Format);

        Assert.True(expected[0].AsSpan().SequenceEqual(decoded.Samples));
    }

    [Fact]
    public void Segment_offsets_past_the_data_are_refused()
    {
        using var scratch = new TempDirectory();
        var source = DcmdumpPixelData.Read(TestCorpus.File("sc_rgb_rle.dcm"), scratch);
        var frame = source.EncapsulatedFrame(0);

        var error = Assert.Throws<CodecException>(() => RleDecoder.Decode(frame.AsSpan(0, frame.Length - 40), source.Format));
        Assert.Contains("segment", error.Message);
    }
}
