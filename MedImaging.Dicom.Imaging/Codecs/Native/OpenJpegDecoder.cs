using MedImaging.Dicom.Imaging.Pixels;

namespace MedImaging.Dicom.Imaging.Codecs.Native;

/// <summary>
/// JPEG 2000 (TS .90 lossless, .91 lossy) through OpenJPEG from memory, single-threaded. OpenJPEG
/// undoes the codestream's multi-component transform, so YBR_ICT/YBR_RCT come out as RGB.
/// </summary>
public static unsafe class OpenJpegDecoder
{
    private const string Codec = "OpenJPEG";

    public static DecodedFrame Decode(ReadOnlySpan<byte> data, PixelFormat expected)
    {
        expected.Validate();
        int format;
        if (data.Length >= 4 && data[0] == 0xFF && data[1] == 0x4F && data[2] == 0xFF && data[3] == 0x51) format = OpenJpegNative.CodecJ2K;
        else if (data.Length >= 12 && data[4] == 0x6A && data[5] == 0x50 && data[6] == 0x20 && data[7] == 0x20) format = OpenJpegNative.CodecJP2;
        else throw new CodecException(Codec, "data is neither a J2K codestream nor a JP2 file");

        var codec = NativeLibraryGuard.Call(OpenJpegNative.Library, OpenJpegNative.DebianPackage, () => OpenJpegNative.opj_create_decompress(format));
        if (codec == 0) throw new CodecException(Codec, "cannot create a decoder");
        nint stream = 0;
        OpenJpegNative.Image* image = null;
        OpenJpegMemoryStream.LastError = null;
        try
        {
            var parameters = stackalloc byte[OpenJpegNative.DecoderParametersSize];
            new Span<byte>(parameters, OpenJpegNative.DecoderParametersSize).Clear();
            OpenJpegNative.opj_set_default_decoder_parameters(parameters);
            OpenJpegNative.opj_set_error_handler(codec, &OpenJpegMemoryStream.OnError, null);
            if (OpenJpegNative.opj_setup_decoder(codec, parameters) == 0) throw Failure("decoder setup failed");
            OpenJpegNative.opj_codec_set_threads(codec, 1);

            fixed (byte* source = data)
            {
                var state = new OpenJpegMemoryStream.State { Data = source, Length = data.Length };
                stream = OpenJpegNative.opj_stream_create(64 * 1024, 1);
                if (stream == 0) throw Failure("cannot create a stream");
                OpenJpegNative.opj_stream_set_read_function(stream, &OpenJpegMemoryStream.Read);
                OpenJpegNative.opj_stream_set_skip_function(stream, &OpenJpegMemoryStream.Skip);
                OpenJpegNative.opj_stream_set_seek_function(stream, &OpenJpegMemoryStream.Seek);
                OpenJpegNative.opj_stream_set_user_data(stream, &state, null);
                OpenJpegNative.opj_stream_set_user_data_length(stream, (ulong)data.Length);

                if (OpenJpegNative.opj_read_header(stream, codec, &image) == 0) throw Failure("cannot read the header");
                CheckHeader(image, expected);
                if (OpenJpegNative.opj_decode(codec, stream, image) == 0) throw Failure("decoding failed");
                if (OpenJpegNative.opj_end_decompress(codec, stream) == 0) throw Failure("end of codestream not reached");
            }
            return ToFrame(image, expected);
        }
        finally
        {
            if (image != null) OpenJpegNative.opj_image_destroy(image);
            if (stream != 0) OpenJpegNative.opj_stream_destroy(stream);
            OpenJpegNative.opj_destroy_codec(codec);
        }
    }

    private static CodecException Failure(string what) =>
        new(Codec, OpenJpegMemoryStream.LastError is { Length: > 0 } detail ? $"{what}: {detail}" : what);

    private static void CheckHeader(OpenJpegNative.Image* image, PixelFormat expected)
    {
        var width = image->X1 - image->X0;
        var height = image->Y1 - image->Y0;
        if (width != expected.Columns || height != expected.Rows)
            throw new CodecException(Codec, $"codestream is {width}x{height}, the dataset says {expected.Columns}x{expected.Rows}");
        if (image->ComponentCount != expected.SamplesPerPixel)
            throw new CodecException(Codec, $"codestream has {image->ComponentCount} components, the dataset says {expected.SamplesPerPixel}");
        for (var c = 0; c < image->ComponentCount; c++)
        {
            var component = image->Components[c];
            if (component.Dx != 1 || component.Dy != 1) throw new CodecException(Codec, "subsampled components are not supported");
            if (component.Precision is < 1 or > 16 || component.Precision > expected.BytesPerSample * 8)
                throw new CodecException(Codec, $"component precision {component.Precision} does not fit BitsAllocated {expected.BitsAllocated}");
        }
    }

    private static DecodedFrame ToFrame(OpenJpegNative.Image* image, PixelFormat expected)
    {
        var samples = (int)image->ComponentCount;
        var pixels = expected.PixelCount;
        var bytesPerSample = expected.BytesPerSample;
        var output = new byte[expected.DecodedLength];
        for (var c = 0; c < samples; c++)
        {
            var component = image->Components[c];
            if (component.Data == null || component.Width * component.Height != pixels)
                throw new CodecException(Codec, "decoded component has no data or the wrong size");
            var values = new ReadOnlySpan<int>(component.Data, pixels);
            if (bytesPerSample == 1)
                for (var i = 0; i < pixels; i++) output[i * samples + c] = (byte)values[i];
            else
                for (var i = 0; i < pixels; i++)
                {
                    var o = (i * samples + c) * 2;
                    output[o] = (byte)values[i];
                    output[o + 1] = (byte)(values[i] >> 8);
                }
        }
        var photometric = expected.Photometric is "YBR_ICT" or "YBR_RCT" ? "RGB" : expected.Photometric;
        return new DecodedFrame(expected with { Photometric = photometric, PlanarConfiguration = 0 }, output);
    }
}
