using System.Text;
using MedImaging.Dicom.Imaging.Output;
using MedImaging.Dicom.Imaging.Tests.Oracles;

namespace MedImaging.Dicom.Imaging.Tests.Output;

public class PngEncoderTests
{
    [Fact]
    public void Crc32_matches_the_standard_check_value()
    {
        Assert.Equal(0xCBF43926u, Crc32.Compute(Encoding.ASCII.GetBytes("123456789")));
    }

    // An independent PNG reader (Python's zlib and struct, verifying every CRC) decodes what we wrote.
    private const string PythonPngReader = """
        import sys, struct, zlib
        data = open(sys.argv[1], 'rb').read()
        assert data[:8] == b'\x89PNG\r\n\x1a\n'
        pos, idat, ihdr = 8, b'', None
        while pos < len(data):
            length, = struct.unpack('>I', data[pos:pos+4]); kind = data[pos+4:pos+8]; body = data[pos+8:pos+8+length]
            crc, = struct.unpack('>I', data[pos+8+length:pos+12+length])
            assert zlib.crc32(kind + body) == crc, kind
            if kind == b'IHDR': ihdr = struct.unpack('>IIBBBBB', body)
            if kind == b'IDAT': idat += body
            pos += 12 + length
        w, h, depth, colour = ihdr[:4]
        samples = {0: 1, 2: 3}[colour]
        raw = zlib.decompress(idat); row = w * samples; out = bytearray()
        for y in range(h):
            assert raw[y * (row + 1)] == 0
            out += raw[y * (row + 1) + 1:(y + 1) * (row + 1)]
        open(sys.argv[2], 'wb').write(bytes(out))
        print(w, h, samples)
        """;

    [Theory]
    [InlineData(1, 37, 23)]
    [InlineData(3, 64, 5)]
    public void Python_reads_back_the_exact_pixels(int samples, int width, int height)
    {
        using var scratch = new TempDirectory();
        var pixels = new byte[width * height * samples];
        new Random(samples).NextBytes(pixels);
        var png = scratch.File("image.png");
        File.WriteAllBytes(png, PngEncoder.Encode(pixels, width, height, samples));

        var summary = ExternalTool.Run("python3", "-c", PythonPngReader, png, scratch.File("pixels.raw"));

        Assert.Equal($"{width} {height} {samples}", summary.Trim());
        Assert.Equal(pixels, File.ReadAllBytes(scratch.File("pixels.raw")));
    }

    [Fact]
    public void Buffer_smaller_than_the_image_is_refused()
    {
        Assert.Throws<ArgumentException>(() => PngEncoder.Encode(new byte[10], 4, 4, 1));
    }
}
