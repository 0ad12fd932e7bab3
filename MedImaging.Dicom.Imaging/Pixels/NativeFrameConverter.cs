using System.Buffers.Binary;

namespace MedImaging.Dicom.Imaging.Pixels;

/// <summary>
/// Turns one native (uncompressed) frame into our buffer layout: little-endian, interleaved,
/// 1-bit and 12-bit packed samples unpacked, YBR_FULL_422 expanded to YBR_FULL.
/// </summary>
public static class NativeFrameConverter
{
    public static DecodedFrame Convert(ReadOnlySpan<byte> native, PixelFormat format, bool bigEndian)
    {
        if (native.Length < NativeLength(format))
            throw new PixelDataException($"frame needs {NativeLength(format)} bytes, only {native.Length} present");
        if (IsSubsampled422(format)) return Expand422(native, format);

        byte[] samples;
        switch (format.BitsAllocated)
        {
            case 1:
                samples = UnpackBits(native, format.PixelCount * format.SamplesPerPixel);
                return new DecodedFrame(format with { BitsAllocated = 8, BitsStored = 1, HighBit = 0, PlanarConfiguration = 0 }, samples);
            case 12:
                samples = Unpack12(native, format.PixelCount * format.SamplesPerPixel);
                return new DecodedFrame(format with { BitsAllocated = 16, BitsStored = Math.Min(format.BitsStored, 12), HighBit = Math.Min(format.HighBit, 11), PlanarConfiguration = 0 }, samples);
            default:
                samples = native[..(int)format.DecodedLength].ToArray();
                if (bigEndian && format.BytesPerSample > 1) SwapBytes(samples, format.BytesPerSample);
                if (format.SamplesPerPixel > 1 && format.PlanarConfiguration == 1)
                    samples = PlanarSamples.ToInterleaved(samples, format.SamplesPerPixel, format.BytesPerSample);
                return new DecodedFrame(format with { PlanarConfiguration = 0 }, samples);
        }
    }

    /// <summary>
    /// As <see cref="Convert"/>, but takes ownership of <paramref name="native"/>: when its layout is already ours
    /// (8/16/32-bit, interleaved, exactly one frame) it becomes the frame's buffer, byte-swapped in place if needed.
    /// </summary>
    public static DecodedFrame ConvertOwned(byte[] native, PixelFormat format, bool bigEndian)
    {
        var reusable = format.BitsAllocated is 8 or 16 or 32 && !IsSubsampled422(format)
            && (format.SamplesPerPixel == 1 || format.PlanarConfiguration == 0) && native.Length == format.DecodedLength;
        if (!reusable) return Convert(native, format, bigEndian && format.BitsAllocated > 8);
        if (bigEndian && format.BytesPerSample > 1) SwapBytes(native, format.BytesPerSample);
        return new DecodedFrame(format with { PlanarConfiguration = 0 }, native);
    }

    /// <summary>Bytes one native frame occupies.</summary>
    public static long NativeLength(PixelFormat format) =>
        IsSubsampled422(format) ? (long)format.Rows * format.Columns * 2 * format.BytesPerSample : format.FrameLength;

    private static bool IsSubsampled422(PixelFormat format) =>
        format.SamplesPerPixel == 3 && format.Photometric is "YBR_FULL_422" && format.BitsAllocated == 8;

    private static DecodedFrame Expand422(ReadOnlySpan<byte> native, PixelFormat format)
    {
        // Each pair of pixels is stored Y1 Y2 Cb Cr (PS3.3 C.7.6.3.1.2).
        var output = new byte[format.DecodedLength];
        var pairs = format.PixelCount / 2;
        for (var i = 0; i < pairs; i++)
        {
            var source = native.Slice(4 * i, 4);
            var o = 6 * i;
            output[o] = source[0]; output[o + 1] = source[2]; output[o + 2] = source[3];
            output[o + 3] = source[1]; output[o + 4] = source[2]; output[o + 5] = source[3];
        }
        return new DecodedFrame(format with { Photometric = "YBR_FULL", PlanarConfiguration = 0 }, output);
    }

    private static byte[] UnpackBits(ReadOnlySpan<byte> packed, int count)
    {
        var output = new byte[count];
        for (var i = 0; i < count; i++) output[i] = (byte)((packed[i >> 3] >> (i & 7)) & 1);
        return output;
    }

    private static byte[] Unpack12(ReadOnlySpan<byte> packed, int count)
    {
        // ACR-NEMA packing: two 12-bit samples in three bytes, low nibble of the middle byte first.
        var output = new byte[count * 2];
        for (var i = 0; i < count; i++)
        {
            var b = i / 2 * 3;
            int value = i % 2 == 0 ? packed[b] | (packed[b + 1] & 0x0F) << 8 : packed[b + 1] >> 4 | packed[b + 2] << 4;
            output[2 * i] = (byte)value;
            output[2 * i + 1] = (byte)(value >> 8);
        }
        return output;
    }

    private static void SwapBytes(byte[] samples, int width)
    {
        if (width == 2) for (var i = 0; i + 1 < samples.Length; i += 2) (samples[i], samples[i + 1]) = (samples[i + 1], samples[i]);
        else for (var i = 0; i + 3 < samples.Length; i += 4) BinaryPrimitives.WriteUInt32LittleEndian(samples.AsSpan(i), BinaryPrimitives.ReadUInt32BigEndian(samples.AsSpan(i)));
    }
}
