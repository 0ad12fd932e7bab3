using MedImaging.Dicom.Imaging.Codecs.Native;
using MedImaging.Dicom.Imaging.Pixels;

namespace MedImaging.Dicom.Imaging.Codecs.Jpeg;

/// <summary>
/// Chooses the JPEG decoder from the stream's frame header: 8-bit DCT goes to TurboJPEG, 12-bit DCT
/// and lossless (process 14) to our own decoders, and so does 8-bit colour whose colour space TurboJPEG would guess wrong.
/// </summary>
public static class JpegDecoder
{
    public static DecodedFrame Decode(ReadOnlySpan<byte> data, PixelFormat expected)
    {
        expected.Validate();
        var header = JpegStream.ReadHeader(data);
        var frame = header.Frame!;
        if (frame.Width != expected.Columns || frame.Height != expected.Rows)
            throw new CodecException(JpegStream.Codec, $"JPEG is {frame.Width}x{frame.Height}, the dataset says {expected.Columns}x{expected.Rows}");
        if (frame.Components.Count != expected.SamplesPerPixel)
            throw new CodecException(JpegStream.Codec, $"JPEG has {frame.Components.Count} components, the dataset says {expected.SamplesPerPixel} samples per pixel");
        if (frame.Precision > expected.BitsAllocated && expected.BitsAllocated != 8)
            throw new CodecException(JpegStream.Codec, $"JPEG precision {frame.Precision} exceeds BitsAllocated {expected.BitsAllocated}");

        var rgb = frame.Components.Count == 3 && JpegColorModel.IsRgb(header, expected.Photometric);
        // TurboJPEG cannot be told the colour space: a stream whose markers leave it open goes to our decoder when the
        // dataset's answer is not libjpeg's guess.
        if (frame.IsHuffmanSequentialDct && frame.Precision == 8 && (frame.Components.Count != 3 || rgb == JpegColorModel.LibjpegDecodesAsRgb(header)))
            return TurboJpegDecoder.Decode(data, expected);

        ushort[][] planes;
        if (frame.IsLossless) planes = JpegLosslessDecoder.Decode(data, frame);
        else if (frame.IsHuffmanSequentialDct && frame.Precision <= 12) planes = JpegDctDecoder.Decode(data);
        else throw new CodecException(JpegStream.Codec, $"JPEG process SOF 0x{frame.Marker:X2} with precision {frame.Precision} is not supported");

        var photometric = expected.Photometric is "YBR_FULL_422" or "YBR_PARTIAL_422" ? "YBR_FULL" : expected.Photometric;
        if (!frame.IsLossless && frame.Components.Count == 3) photometric = rgb ? "RGB" : "YBR_FULL";
        var format = expected with { Photometric = photometric, PlanarConfiguration = 0 };
        return new DecodedFrame(format, Interleave(planes, format.BytesPerSample));
    }

    private static byte[] Interleave(ushort[][] planes, int bytesPerSample)
    {
        var samples = planes.Length;
        var pixels = planes[0].Length;
        var output = new byte[checked(pixels * samples * bytesPerSample)];
        for (var c = 0; c < samples; c++)
        {
            var plane = planes[c];
            if (bytesPerSample == 1)
                for (var i = 0; i < pixels; i++) output[i * samples + c] = (byte)plane[i];
            else
                for (var i = 0; i < pixels; i++)
                {
                    var o = (i * samples + c) * bytesPerSample;
                    output[o] = (byte)plane[i];
                    output[o + 1] = (byte)(plane[i] >> 8);
                }
        }
        return output;
    }
}
