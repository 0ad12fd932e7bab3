using MedImaging.Dicom.Imaging.Pixels;

namespace MedImaging.Dicom.Imaging.Codecs.Native;

/// <summary>8-bit baseline/extended JPEG (TS .50, 8-bit .51) through TurboJPEG; YCbCr comes out as RGB.</summary>
public static unsafe class TurboJpegDecoder
{
    private const string Codec = "TurboJPEG";

    public static DecodedFrame Decode(ReadOnlySpan<byte> jpeg, PixelFormat expected)
    {
        if (jpeg.Length < 4 || jpeg[0] != 0xFF || jpeg[1] != 0xD8)
            throw new CodecException(Codec, "data does not start with a JPEG SOI marker");
        var handle = TurboJpegHandle.Decompressor;
        int width, height, subsampling, colorspace;
        fixed (byte* source = jpeg)
        {
            if (TurboJpegNative.tjDecompressHeader3(handle.Value, source, new CULong((uint)jpeg.Length),
                    &width, &height, &subsampling, &colorspace) != 0)
                throw new CodecException(Codec, handle.TakeErrorAndReset());
            if (width != expected.Columns || height != expected.Rows)
                throw new CodecException(Codec, $"JPEG is {width}x{height}, the dataset says {expected.Columns}x{expected.Rows}");
            var gray = expected.SamplesPerPixel == 1;
            var samples = gray ? 1 : 3;
            var output = new byte[checked(width * height * samples)];
            fixed (byte* destination = output)
            {
                var status = TurboJpegNative.tjDecompress2(handle.Value, source, new CULong((uint)jpeg.Length), destination,
                    width, width * samples, height,
                    gray ? TurboJpegNative.PixelFormatGray : TurboJpegNative.PixelFormatRgb, TurboJpegNative.FlagAccurateDct);
                if (status != 0) ThrowUnlessHarmlessWarning(handle);
            }
            var photometric = gray ? expected.Photometric : "RGB";
            return new DecodedFrame(expected with { SamplesPerPixel = samples, BitsAllocated = 8, BitsStored = 8, HighBit = 7, Photometric = photometric, PlanarConfiguration = 0 }, output);
        }
    }

    /// <summary>libjpeg warnings such as extraneous bytes are tolerated; running out of data is not.</summary>
    private static void ThrowUnlessHarmlessWarning(TurboJpegHandle handle)
    {
        var isWarning = TurboJpegNative.tjGetErrorCode(handle.Value) == TurboJpegNative.ErrorWarning;
        var text = handle.TakeErrorAndReset();
        if (!isWarning || text.Contains("Premature end", StringComparison.OrdinalIgnoreCase))
            throw new CodecException(Codec, text);
    }
}
