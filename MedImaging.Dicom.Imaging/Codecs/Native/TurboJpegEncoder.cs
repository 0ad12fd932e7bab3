using System.Buffers;

namespace MedImaging.Dicom.Imaging.Codecs.Native;

/// <summary>Encodes 8-bit grey or RGB pixels to a baseline JPEG through TurboJPEG.</summary>
public static unsafe class TurboJpegEncoder
{
    private const string Codec = "TurboJPEG";

    /// <summary>Encodes <paramref name="pixels"/> (width*height*samples bytes, samples 1 or 3) and returns the JPEG bytes.</summary>
    public static byte[] Encode(ReadOnlySpan<byte> pixels, int width, int height, int samples, int quality)
    {
        // The worst-case buffer is several times the JPEG and large-object sized: rent it rather than allocate per image.
        var buffer = ArrayPool<byte>.Shared.Rent(MaxEncodedLength(width, height, samples));
        try
        {
            var length = Encode(pixels, width, height, samples, quality, buffer);
            return buffer.AsSpan(0, length).ToArray();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    public static int MaxEncodedLength(int width, int height, int samples)
    {
        if (width <= 0 || height <= 0 || samples is not (1 or 3)) throw new ArgumentException("invalid image size or sample count");
        var size = NativeLibraryGuard.Call(TurboJpegNative.Library, TurboJpegNative.DebianPackage,
            () => TurboJpegNative.tjBufSize(width, height, samples == 1 ? TurboJpegNative.SubsamplingGray : TurboJpegNative.Subsampling444));
        return checked((int)size.Value);
    }

    /// <summary>Encodes into <paramref name="destination"/> (at least <see cref="MaxEncodedLength"/> bytes); returns the length written.</summary>
    public static int Encode(ReadOnlySpan<byte> pixels, int width, int height, int samples, int quality, Span<byte> destination)
    {
        if (quality is < 1 or > 100) throw new ArgumentOutOfRangeException(nameof(quality), "quality must be 1..100");
        if (pixels.Length < (long)width * height * samples) throw new ArgumentException("pixel buffer smaller than width*height*samples");
        if (destination.Length < MaxEncodedLength(width, height, samples)) throw new ArgumentException("destination smaller than the worst-case JPEG size");
        var handle = TurboJpegHandle.Compressor;
        fixed (byte* source = pixels)
        fixed (byte* target = destination)
        {
            var jpeg = target;
            var size = new CULong((uint)destination.Length);
            var status = TurboJpegNative.tjCompress2(handle.Value, source, width, width * samples, height,
                samples == 1 ? TurboJpegNative.PixelFormatGray : TurboJpegNative.PixelFormatRgb, &jpeg, &size,
                samples == 1 ? TurboJpegNative.SubsamplingGray : TurboJpegNative.Subsampling444, quality, TurboJpegNative.FlagNoRealloc);
            if (status != 0) throw new CodecException(Codec, handle.TakeErrorAndReset());
            return checked((int)size.Value);
        }
    }
}
