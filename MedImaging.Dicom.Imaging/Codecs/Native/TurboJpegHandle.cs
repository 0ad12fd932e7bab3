namespace MedImaging.Dicom.Imaging.Codecs.Native;

/// <summary>
/// One TurboJPEG handle per thread and direction. A handle keeps its last error, so after any
/// failure it is destroyed and a fresh one is created for the next call.
/// </summary>
internal sealed class TurboJpegHandle : IDisposable
{
    private readonly bool _compress;
    private nint _handle;

    private TurboJpegHandle(bool compress) => _compress = compress;

    [ThreadStatic] private static TurboJpegHandle? t_compressor;
    [ThreadStatic] private static TurboJpegHandle? t_decompressor;

    public static TurboJpegHandle Compressor => t_compressor ??= new TurboJpegHandle(compress: true);
    public static TurboJpegHandle Decompressor => t_decompressor ??= new TurboJpegHandle(compress: false);

    public nint Value
    {
        get
        {
            if (_handle != 0) return _handle;
            _handle = NativeLibraryGuard.Call(TurboJpegNative.Library, TurboJpegNative.DebianPackage,
                () => _compress ? TurboJpegNative.tjInitCompress() : TurboJpegNative.tjInitDecompress());
            if (_handle == 0) throw new CodecException("TurboJPEG", "tjInit failed");
            return _handle;
        }
    }

    /// <summary>Reads the error text, then replaces the handle so the error does not stick.</summary>
    public string TakeErrorAndReset()
    {
        var text = TurboJpegNative.ErrorText(_handle);
        Dispose();
        return text;
    }

    public void Dispose()
    {
        if (_handle == 0) return;
        TurboJpegNative.tjDestroy(_handle);
        _handle = 0;
    }
}
