namespace MedImaging.Dicom.Imaging.Codecs.Native;

/// <summary>OpenJPEG 2.5 C API (libopenjp2-7): decompression from a memory stream.</summary>
internal static unsafe partial class OpenJpegNative
{
    public const string Library = "libopenjp2.so.7";
    public const string DebianPackage = "libopenjp2-7";

    public const int CodecJ2K = 0;
    public const int CodecJP2 = 2;

    /// <summary>opj_dparameters_t is ~8.2 KB; a larger zeroed block is handed to the library to fill.</summary>
    public const int DecoderParametersSize = 16 * 1024;

    [StructLayout(LayoutKind.Sequential)]
    public struct Image
    {
        public uint X0, Y0, X1, Y1;
        public uint ComponentCount;
        public int ColorSpace;
        public ImageComponent* Components;
        public byte* IccProfile;
        public uint IccProfileLength;
    }

    [StructLayout(LayoutKind.Sequential)]
    public struct ImageComponent
    {
        public uint Dx, Dy, Width, Height, X0, Y0, Precision, Bpp, Signed, ResolutionsDecoded, Factor;
        public int* Data;
        public ushort Alpha;
    }

    [LibraryImport(Library)] public static partial nint opj_create_decompress(int format);
    [LibraryImport(Library)] public static partial void opj_set_default_decoder_parameters(byte* parameters);
    [LibraryImport(Library)] public static partial int opj_setup_decoder(nint codec, byte* parameters);
    [LibraryImport(Library)] public static partial int opj_codec_set_threads(nint codec, int threads);
    [LibraryImport(Library)] public static partial int opj_set_error_handler(nint codec, delegate* unmanaged<byte*, void*, void> handler, void* client);
    [LibraryImport(Library)] public static partial nint opj_stream_create(nuint bufferSize, int isInput);
    [LibraryImport(Library)] public static partial void opj_stream_set_read_function(nint stream, delegate* unmanaged<byte*, nuint, void*, nuint> read);
    [LibraryImport(Library)] public static partial void opj_stream_set_skip_function(nint stream, delegate* unmanaged<long, void*, long> skip);
    [LibraryImport(Library)] public static partial void opj_stream_set_seek_function(nint stream, delegate* unmanaged<long, void*, int> seek);
    [LibraryImport(Library)] public static partial void opj_stream_set_user_data(nint stream, void* data, void* free);
    [LibraryImport(Library)] public static partial void opj_stream_set_user_data_length(nint stream, ulong length);
    [LibraryImport(Library)] public static partial int opj_read_header(nint stream, nint codec, Image** image);
    [LibraryImport(Library)] public static partial int opj_decode(nint codec, nint stream, Image* image);
    [LibraryImport(Library)] public static partial int opj_end_decompress(nint codec, nint stream);
    [LibraryImport(Library)] public static partial void opj_stream_destroy(nint stream);
    [LibraryImport(Library)] public static partial void opj_destroy_codec(nint codec);
    [LibraryImport(Library)] public static partial void opj_image_destroy(Image* image);
}
