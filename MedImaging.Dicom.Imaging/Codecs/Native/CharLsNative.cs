namespace MedImaging.Dicom.Imaging.Codecs.Native;

/// <summary>CharLS 2.4 C API (libcharls2): the charls_jpegls_decoder_* functions.</summary>
internal static unsafe partial class CharLsNative
{
    public const string Library = "libcharls.so.2";
    public const string DebianPackage = "libcharls2";

    public const int InterleaveNone = 0;

    [StructLayout(LayoutKind.Sequential)]
    public struct FrameInfo
    {
        public uint Width;
        public uint Height;
        public int BitsPerSample;
        public int ComponentCount;
    }

    [LibraryImport(Library)] public static partial nint charls_jpegls_decoder_create();
    [LibraryImport(Library)] public static partial void charls_jpegls_decoder_destroy(nint decoder);
    [LibraryImport(Library)] public static partial int charls_jpegls_decoder_set_source_buffer(nint decoder, byte* source, nuint length);
    [LibraryImport(Library)] public static partial int charls_jpegls_decoder_read_header(nint decoder);
    [LibraryImport(Library)] public static partial int charls_jpegls_decoder_get_frame_info(nint decoder, FrameInfo* info);
    [LibraryImport(Library)] public static partial int charls_jpegls_decoder_get_interleave_mode(nint decoder, int* mode);
    [LibraryImport(Library)] public static partial int charls_jpegls_decoder_get_destination_size(nint decoder, uint stride, nuint* size);
    [LibraryImport(Library)] public static partial int charls_jpegls_decoder_decode_to_buffer(nint decoder, byte* destination, nuint length, uint stride);
    [LibraryImport(Library)] public static partial byte* charls_get_error_message(int error);

    public static string ErrorText(int error) => Marshal.PtrToStringUTF8((nint)charls_get_error_message(error)) ?? $"error {error}";
}
