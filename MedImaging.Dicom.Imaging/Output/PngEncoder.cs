using System.Buffers.Binary;
using System.IO.Compression;

namespace MedImaging.Dicom.Imaging.Output;

/// <summary>Writes 8-bit greyscale or RGB PNG files (filter type None per row, zlib through ZLibStream).</summary>
public static class PngEncoder
{
    private static ReadOnlySpan<byte> Signature => [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    public static byte[] Encode(ReadOnlySpan<byte> pixels, int width, int height, int samples,
        CompressionLevel level = CompressionLevel.Fastest)
    {
        using var output = new MemoryStream();
        Encode(pixels, width, height, samples, output, level);
        return output.ToArray();
    }

    public static void Encode(ReadOnlySpan<byte> pixels, int width, int height, int samples, Stream output,
        CompressionLevel level = CompressionLevel.Fastest)
    {
        if (width <= 0 || height <= 0) throw new ArgumentException("image size must be positive");
        if (samples is not (1 or 3)) throw new ArgumentException("PNG output supports 1 (grey) or 3 (RGB) samples");
        var rowLength = checked(width * samples);
        if (pixels.Length < (long)rowLength * height) throw new ArgumentException("pixel buffer smaller than width*height*samples");

        output.Write(Signature);
        Span<byte> header = stackalloc byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header[4..], height);
        header[8] = 8;                              // bit depth
        header[9] = (byte)(samples == 1 ? 0 : 2);   // colour type: grey or truecolour
        header[10] = header[11] = header[12] = 0;   // deflate, adaptive filtering, no interlace
        WriteChunk(output, "IHDR"u8, header);
        WriteChunk(output, "IDAT"u8, Compress(pixels, rowLength, height, level));
        WriteChunk(output, "IEND"u8, []);
    }

    private static byte[] Compress(ReadOnlySpan<byte> pixels, int rowLength, int height, CompressionLevel level)
    {
        using var compressed = new MemoryStream(rowLength * height / 2 + 64);
        using (var zlib = new ZLibStream(compressed, level, leaveOpen: true))
        {
            ReadOnlySpan<byte> filterNone = [0];
            for (var y = 0; y < height; y++)
            {
                zlib.Write(filterNone);
                zlib.Write(pixels.Slice(y * rowLength, rowLength));
            }
        }
        return compressed.ToArray();
    }

    private static void WriteChunk(Stream output, ReadOnlySpan<byte> type, ReadOnlySpan<byte> data)
    {
        Span<byte> word = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(word, data.Length);
        output.Write(word);
        output.Write(type);
        output.Write(data);
        BinaryPrimitives.WriteUInt32BigEndian(word, Crc32.Finish(Crc32.Append(Crc32.Append(Crc32.Start, type), data)));
        output.Write(word);
    }
}
