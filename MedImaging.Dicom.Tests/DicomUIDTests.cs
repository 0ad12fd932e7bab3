namespace MedImaging.Dicom.Tests;

public class DicomUIDTests
{
    [Fact]
    public void Registry_knows_sop_classes_and_transfer_syntaxes()
    {
        Assert.Equal("1.2.840.10008.5.1.4.1.1.2", DicomUID.CTImageStorage.UID);
        Assert.Equal(DicomUidType.SOPClass, DicomUID.Parse("1.2.840.10008.5.1.4.1.1.2").Type);
        Assert.Same(DicomTransferSyntax.JPEGLosslessSV1, DicomTransferSyntax.Parse("1.2.840.10008.1.2.4.70"));
        Assert.Equal(493, DicomUID.All.Count);
    }

    [Fact]
    public void Transfer_syntaxes_know_their_encoding()
    {
        Assert.False(DicomTransferSyntax.ImplicitVRLittleEndian.IsExplicitVR);
        Assert.True(DicomTransferSyntax.ExplicitVRBigEndian.IsBigEndian);
        Assert.True(DicomTransferSyntax.DeflatedExplicitVRLittleEndian.IsDeflate);
        Assert.True(DicomTransferSyntax.RLELossless.IsEncapsulated);
        Assert.False(DicomTransferSyntax.ExplicitVRLittleEndian.IsEncapsulated);
    }

    [Theory]
    [InlineData("1.2.840.10008.1.2", true)]
    [InlineData("2.25.137439265114931180541396468245370981501", true)]
    [InlineData("1.2.03", false)]
    [InlineData("1..2", false)]
    [InlineData("1.2.a", false)]
    [InlineData("", false)]
    public void Validates_uid_syntax(string uid, bool valid) => Assert.Equal(valid, DicomUID.IsValid(uid));
}
