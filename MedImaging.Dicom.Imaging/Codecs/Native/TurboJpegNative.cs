
namespace MedImaging.Dicom.Imaging.Codecs.Native;

/// <summary>TurboJPEG 2.1 C API (libturbojpeg0). All calls are cdecl with blittable arguments.</summary>
internal static unsafe partial class TurboJpegNative
{
    public const string Library = "libturbojpeg.so.0";
    public const string DebianPackage = "libturbojpeg0";

    public const int PixelFormatRgb = 0;
    public const int PixelFormatGray = 6;
    public const int Subsampling444 = 0;
    public const int SubsamplingGray = 3;
    public const int FlagNoRealloc = 1024;
    public const int FlagAccurateDct = 4096;
    public const int ErrorWarning = 0;

    [LibraryImport(Library)] public static partial nint tjInitCompress();
    [LibraryImport(Library)] public static partial nint tjInitDecompress();
    [LibraryImport(Library)] public static partial int tjDestroy(nint handle);
    [LibraryImport(Library)] public static partial CULong tjBufSize(int width, int height, int subsampling);
    [LibraryImport(Library)] public static partial byte* tjGetErrorStr2(nint handle);
    [LibraryImport(Library)] public static partial int tjGetErrorCode(nint handle);

    [LibraryImport(Library)]
    public static partial int tjCompress2(nint handle, byte* source, int width, int pitch, int height, int pixelFormat,
        byte** jpeg, CULong* jpegSize, int subsampling, int quality, int flags);

    [LibraryImport(Library)]
    public static partial int tjDecompressHeader3(nint handle, byte* jpeg, CULong jpegSize,
        int* width, int* height, int* subsampling, int* colorspace);

    [LibraryImport(Library)]
    public static partial int tjDecompress2(nint handle, byte* jpeg, CULong jpegSize, byte* destination,
        int width, int pitch, int height, int pixelFormat, int flags);

    public static string ErrorText(nint handle) => Marshal.PtrToStringUTF8((nint)tjGetErrorStr2(handle)) ?? "unknown error";
}
