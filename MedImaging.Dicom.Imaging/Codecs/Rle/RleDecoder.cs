using System.Buffers.Binary;
using MedImaging.Dicom.Imaging.Pixels;

namespace MedImaging.Dicom.Imaging.Codecs.Rle;

/// <summary>
/// RLE Lossless (PS3.5 Annex G): a 64-byte header of segment offsets, then one PackBits segment per
/// byte plane (most significant byte of each sample first, sample by sample).
/// </summary>
public static class RleDecoder
{
    private const string Codec = "RLE";
    private const int HeaderLength = 64;

    public static DecodedFrame Decode(ReadOnlySpan<byte> frame, PixelFormat format)
    {
        format.Validate();
        if (format.BitsAllocated is not (8 or 16 or 32))
            throw new CodecException(Codec, $"BitsAllocated {format.BitsAllocated} is not supported in RLE");
        if (frame.Length < HeaderLength) throw new CodecException(Codec, $"frame of {frame.Length} bytes is shorter than the 64-byte RLE header");

        var bytesPerSample = format.BytesPerSample;
        var samples = format.SamplesPerPixel;
        var expectedSegments = samples * bytesPerSample;
        var segmentCount = BinaryPrimitives.ReadUInt32LittleEndian(frame);
        if (segmentCount != expectedSegments)
            throw new CodecException(Codec, $"header lists {segmentCount} segments, expected {expectedSegments}");

        var pixels = format.PixelCount;
        var output = new byte[format.DecodedLength];
        var plane = new byte[pixels];
        for (var segment = 0; segment < expectedSegments; segment++)
        {
            var start = BinaryPrimitives.ReadUInt32LittleEndian(frame[(4 + segment * 4)..]);
            var end = segment + 1 < expectedSegments ? BinaryPrimitives.ReadUInt32LittleEndian(frame[(8 + segment * 4)..]) : (uint)frame.Length;
            if (start < HeaderLength || start > end || end > frame.Length)
                throw new CodecException(Codec, $"segment {segment + 1} offsets {start}..{end} lie outside the {frame.Length}-byte frame");
            UnpackBits(frame[(int)start..(int)end], plane, segment);

            var sample = segment / bytesPerSample;
            var byteInSample = bytesPerSample - 1 - segment % bytesPerSample; // segments run MSB first; output is little-endian
            var stride = samples * bytesPerSample;
            var target = sample * bytesPerSample + byteInSample;
            for (var i = 0; i < pixels; i++, target += stride) output[target] = plane[i];
        }
        return new DecodedFrame(format with { PlanarConfiguration = 0 }, output);
    }

    private static void UnpackBits(ReadOnlySpan<byte> source, Span<byte> destination, int segment)
    {
        int read = 0, written = 0;
        while (written < destination.Length)
        {
            if (read >= source.Length)
                throw new CodecException(Codec, $"segment {segment + 1} ends after {written} of {destination.Length} bytes");
            var control = (sbyte)source[read++];
            if (control >= 0)
            {
                var count = control + 1;
                if (read + count > source.Length)
                    throw new CodecException(Codec, $"segment {segment + 1} literal run overruns its data");
                count = Math.Min(count, destination.Length - written);
                source.Slice(read, count).CopyTo(destination[written..]);
                read += control + 1;
                written += count;
            }
            else if (control != -128)
            {
                if (read >= source.Length) throw new CodecException(Codec, $"segment {segment + 1} replicate run lacks its byte");
                var count = Math.Min(1 - control, destination.Length - written);
                destination.Slice(written, count).Fill(source[read++]);
                written += count;
            }
        }
    }
}
