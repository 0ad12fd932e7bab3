namespace MedImaging.Dicom.Imaging.Codecs.Native;

/// <summary>Turns the loader's DllNotFoundException into an error that names the Debian package.</summary>
internal static class NativeLibraryGuard
{
    public static T Call<T>(string library, string package, Func<T> call)
    {
        try { return call(); }
        catch (DllNotFoundException e) { throw new NativeCodecMissingException(library, package, e); }
        catch (EntryPointNotFoundException e) { throw new NativeCodecMissingException(library, package, e); }
    }
}
