using MedImaging.Testing;

namespace MedImaging.Dicom.Tests.IO;

public class UnknownVRTests
{
    [Fact]
    public void Explicit_UN_elements_are_read_with_the_dictionary_VR()
    {
        var dataset = DicomFile.Open(TestCorpus.File("ct_vr_un_j2kr.dcm")).Dataset;
        var imageType = dataset.GetDicomItem<DicomElement>(DicomTag.ImageType)!;
        Assert.Equal(DicomVR.CS, imageType.VR);
        Assert.True(imageType.EncodedAsUN);
        Assert.Equal(["ORIGINAL", "PRIMARY", "AXIAL"], dataset.GetStrings(DicomTag.ImageType));
        Assert.Equal(512, dataset.GetValue<int>(DicomTag.Rows));
        Assert.Equal("CT", dataset.GetString(DicomTag.Modality));
    }

    [Fact]
    public void Without_reinterpretation_they_stay_UN()
    {
        var dataset = DicomFile.Open(TestCorpus.File("ct_vr_un_j2kr.dcm"), new DicomReadOptions { ReinterpretUnknownVR = false }).Dataset;
        Assert.Equal(DicomVR.UN, dataset.GetDicomItem(DicomTag.ImageType)!.VR);
    }

    [Fact]
    public void Re_read_UN_elements_are_written_as_their_real_VR_in_another_syntax()
    {
        var file = DicomFile.Open(TestCorpus.File("ct_vr_un_j2kr.dcm"));
        file.Dataset.Remove(DicomTag.PixelData);
        var output = new MemoryStream();
        file.Save(output, new DicomWriteOptions { TransferSyntax = DicomTransferSyntax.ExplicitVRLittleEndian });
        var reread = DicomFile.Read(output.ToArray(), new DicomReadOptions { ReinterpretUnknownVR = false });
        Assert.Equal(DicomVR.CS, reread.Dataset.GetDicomItem(DicomTag.ImageType)!.VR);
        Assert.Equal(DicomVR.US, reread.Dataset.GetDicomItem(DicomTag.Rows)!.VR);
    }
}
