using MedImaging.Dicom.Imaging.Codecs.Native;
using MedImaging.Dicom.Imaging.Pixels;
using MedImaging.Dicom.Imaging.Tests.Oracles;

namespace MedImaging.Dicom.Imaging.Tests.Codecs.Native;

public class TurboJpegEncoderTests
{
    private static byte[] Gradient(int width, int height, int samples) =>
        Enumerable.Range(0, width * height * samples).Select(i => (byte)(i / samples % width + i / samples / width + i % samples * 40)).ToArray();

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void Encoded_jpeg_is_read_by_djpeg_style_oracle_and_round_trips(int samples)
    {
        using var scratch = new TempDirectory();
        var pixels = Gradient(96, 64, samples);
        var jpeg = TurboJpegEncoder.Encode(pixels, 96, 64, samples, quality: 95);
        File.WriteAllBytes(scratch.File("out.jpg"), jpeg);

        // dcmtk's img2dcm parses JPEG headers independently of libjpeg-turbo.
        ExternalTool.Run("img2dcm", scratch.File("out.jpg"), scratch.File("out.dcm"));
        var dump = DcmdumpPixelData.Read(scratch.File("out.dcm"), scratch);
        Assert.Equal(64, dump.Format.Rows);
        Assert.Equal(96, dump.Format.Columns);
        Assert.Equal(samples, dump.Format.SamplesPerPixel);

        var format = new PixelFormat(64, 96, samples, 8, 8, 7, false, samples == 1 ? "MONOCHROME2" : "YBR_FULL");
        var decoded = TurboJpegDecoder.Decode(jpeg, format);
        Assert.True(pixels.Zip(decoded.Samples).All(p => Math.Abs(p.First - p.Second) <= 8));
    }

    [Fact]
    public void Quality_changes_the_size()
    {
        var pixels = Gradient(128, 128, 1);
        new Random(3).NextBytes(pixels.AsSpan(0, 4000));
        Assert.True(TurboJpegEncoder.Encode(pixels, 128, 128, 1, 30).Length < TurboJpegEncoder.Encode(pixels, 128, 128, 1, 95).Length);
    }

    [Fact]
    public void Garbage_after_a_valid_soi_is_a_codec_error_and_the_next_decode_still_works()
    {
        var format = new PixelFormat(64, 96, 1, 8, 8, 7, false, "MONOCHROME2");
        var good = TurboJpegEncoder.Encode(Gradient(96, 64, 1), 96, 64, 1, 90);
        var bad = good.ToArray();
        for (var i = 20; i < bad.Length; i++) bad[i] = (byte)(i * 37);

        Assert.ThrowsAny<MedImaging.Dicom.Imaging.Codecs.CodecException>(() => TurboJpegDecoder.Decode(bad, format));
        Assert.Equal(96 * 64, TurboJpegDecoder.Decode(good, format).Samples.Length);
    }
}
