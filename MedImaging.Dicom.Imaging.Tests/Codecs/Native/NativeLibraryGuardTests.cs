using MedImaging.Dicom.Imaging.Codecs.Native;

namespace MedImaging.Dicom.Imaging.Tests.Codecs.Native;

public class NativeLibraryGuardTests
{
    [Fact]
    public void A_library_that_cannot_load_names_the_debian_package()
    {
        var error = Assert.Throws<NativeCodecMissingException>(() =>
            NativeLibraryGuard.Call("libdoesnotexist.so.9", "libdoesnotexist9", () => NativeLibrary.Load("libdoesnotexist.so.9")));

        Assert.Equal("libdoesnotexist9", error.DebianPackage);
        Assert.Contains("apt-get install libdoesnotexist9", error.Message);
    }
}
