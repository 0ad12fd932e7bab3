namespace MedImaging.Dicom.Imaging.Codecs.Native;

/// <summary>A native codec library is not installed; names the Debian package that provides it.</summary>
public sealed class NativeCodecMissingException(string library, string debianPackage, Exception inner)
    : Exception($"native library {library} not found: install the Debian package '{debianPackage}' (apt-get install {debianPackage})", inner)
{
    public string Library { get; } = library;
    public string DebianPackage { get; } = debianPackage;
}
