using System.IO.Compression;
using MedImaging.Dicom.Imaging.Pixels;

namespace MedImaging.Dicom.Imaging.Codecs.Deflate;

/// <summary>
/// Deflated Image Frame Compression (TS 1.2.840.10008.1.2.8.1): each frame is the native frame
/// (explicit VR little endian layout, 1-bit data packed) compressed with raw deflate (RFC 1951).
/// </summary>
public static class DeflatedFrameDecoder
{
    private const string Codec = "Deflate";

    /// <summary>Returns the inflated native frame bytes; inflating more than the frame needs is refused.</summary>
    public static byte[] Inflate(ReadOnlySpan<byte> frame, PixelFormat format)
    {
        format.Validate();
        var expected = checked((int)format.FrameLength);
        var output = new byte[expected];
        try
        {
            using var input = new MemoryStream(frame.ToArray(), writable: false);
            using var inflater = new DeflateStream(input, CompressionMode.Decompress);
            var total = 0;
            while (total < expected)
            {
                var n = inflater.Read(output, total, expected - total);
                if (n == 0) break;
                total += n;
            }
            if (total < expected)
                throw new CodecException(Codec, $"frame inflates to {total} bytes, expected {expected}");
        }
        catch (InvalidDataException e)
        {
            throw new CodecException(Codec, "corrupt deflate stream: " + e.Message, e);
        }
        return output;
    }
}
