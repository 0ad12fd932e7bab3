using MedImaging.Dicom.Imaging.Codecs;
using MedImaging.Dicom.Imaging.Codecs.Deflate;
using MedImaging.Dicom.Imaging.Tests.Oracles;
using MedImaging.Testing;

namespace MedImaging.Dicom.Imaging.Tests.Codecs.Deflate;

public class DeflatedFrameDecoderTests
{
    // dcmtk 3.6.7 and gdcm 3.0.21 predate TS 1.2.840.10008.1.2.8.1, so Python's zlib is the oracle.
    private static byte[] PythonInflate(string fragmentPath, TempDirectory scratch)
    {
        var output = scratch.File(Path.GetFileName(fragmentPath) + ".inflated");
        ExternalTool.Run("python3", "-c",
            "import sys,zlib; open(sys.argv[2],'wb').write(zlib.decompress(open(sys.argv[1],'rb').read(), -15))", fragmentPath, output);
        return File.ReadAllBytes(output);
    }

    [Fact]
    public void Every_frame_of_the_segmentation_inflates_like_zlib()
    {
        using var scratch = new TempDirectory();
        var source = DcmdumpPixelData.Read(TestCorpus.File("seg_dflframe_mf3.dcm"), scratch);
        Assert.Equal(3, source.Frames);

        for (var frame = 0; frame < source.Frames; frame++)
        {
            var fragment = scratch.File($"frame{frame}.bin");
            File.WriteAllBytes(fragment, source.EncapsulatedFrame(frame));
            var expected = PythonInflate(fragment, scratch);

            var inflated = DeflatedFrameDecoder.Inflate(source.EncapsulatedFrame(frame), source.Format);

            Assert.Equal(source.Format.FrameLength, inflated.Length);
            Assert.True(expected.AsSpan(0, inflated.Length).SequenceEqual(inflated));
            Assert.Contains(inflated, b => b != 0);
        }
    }

    [Fact]
    public void Corrupt_or_short_stream_is_a_codec_error()
    {
        using var scratch = new TempDirectory();
        var source = DcmdumpPixelData.Read(TestCorpus.File("seg_dflframe_mf3.dcm"), scratch);
        var frame = source.EncapsulatedFrame(0);

        Assert.Throws<CodecException>(() => DeflatedFrameDecoder.Inflate(frame.AsSpan(0, frame.Length / 2), source.Format));
        Assert.Throws<CodecException>(() => DeflatedFrameDecoder.Inflate(Enumerable.Repeat((byte)0xFF, 64).ToArray(), source.Format));
    }
}
