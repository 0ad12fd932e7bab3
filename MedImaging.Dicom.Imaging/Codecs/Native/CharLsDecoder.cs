using MedImaging.Dicom.Imaging.Codecs.JpegLs;
using MedImaging.Dicom.Imaging.Pixels;

namespace MedImaging.Dicom.Imaging.Codecs.Native;

/// <summary>JPEG-LS lossless and near-lossless (TS .80, .81) through CharLS.</summary>
public static unsafe class CharLsDecoder
{
    private const string Codec = "CharLS";

    public static DecodedFrame Decode(ReadOnlySpan<byte> data, PixelFormat expected)
    {
        expected.Validate();
        JpegLsStreamValidator.Validate(data, maxScans: expected.SamplesPerPixel);
        var decoder = NativeLibraryGuard.Call(CharLsNative.Library, CharLsNative.DebianPackage, CharLsNative.charls_jpegls_decoder_create);
        if (decoder == 0) throw new CodecException(Codec, "cannot create a decoder");
        try
        {
            fixed (byte* source = data)
            {
                Check(CharLsNative.charls_jpegls_decoder_set_source_buffer(decoder, source, (nuint)data.Length));
                Check(CharLsNative.charls_jpegls_decoder_read_header(decoder));
                CharLsNative.FrameInfo info;
                int interleave;
                Check(CharLsNative.charls_jpegls_decoder_get_frame_info(decoder, &info));
                Check(CharLsNative.charls_jpegls_decoder_get_interleave_mode(decoder, &interleave));
                if (info.Width != expected.Columns || info.Height != expected.Rows)
                    throw new CodecException(Codec, $"JPEG-LS is {info.Width}x{info.Height}, the dataset says {expected.Columns}x{expected.Rows}");
                if (info.ComponentCount != expected.SamplesPerPixel)
                    throw new CodecException(Codec, $"JPEG-LS has {info.ComponentCount} components, the dataset says {expected.SamplesPerPixel}");
                var bytesPerSample = info.BitsPerSample <= 8 ? 1 : 2;
                if (bytesPerSample > expected.BytesPerSample || info.BitsPerSample < 2)
                    throw new CodecException(Codec, $"JPEG-LS precision {info.BitsPerSample} does not fit BitsAllocated {expected.BitsAllocated}");

                nuint size;
                Check(CharLsNative.charls_jpegls_decoder_get_destination_size(decoder, 0, &size));
                var required = (long)expected.Rows * expected.Columns * expected.SamplesPerPixel * bytesPerSample;
                if ((long)size != required) throw new CodecException(Codec, $"decoder wants {size} bytes, expected {required}");
                var decoded = new byte[required];
                fixed (byte* destination = decoded)
                    Check(CharLsNative.charls_jpegls_decoder_decode_to_buffer(decoder, destination, (nuint)decoded.Length, 0));

                if (expected.SamplesPerPixel > 1 && interleave == CharLsNative.InterleaveNone)
                    decoded = PlanarSamples.ToInterleaved(decoded, expected.SamplesPerPixel, bytesPerSample);
                if (bytesPerSample < expected.BytesPerSample) decoded = Widen(decoded);
                return new DecodedFrame(expected with { PlanarConfiguration = 0 }, decoded);
            }
        }
        finally
        {
            CharLsNative.charls_jpegls_decoder_destroy(decoder);
        }
    }

    private static void Check(int error)
    {
        if (error != 0) throw new CodecException(Codec, CharLsNative.ErrorText(error));
    }

    private static byte[] Widen(byte[] bytes)
    {
        var output = new byte[bytes.Length * 2];
        for (var i = 0; i < bytes.Length; i++) output[2 * i] = bytes[i];
        return output;
    }
}
