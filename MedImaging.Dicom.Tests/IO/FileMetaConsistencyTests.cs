using MedImaging.Testing;

namespace MedImaging.Dicom.Tests.IO;

public class FileMetaConsistencyTests
{
    [Fact]
    public void Changed_sop_instance_uid_is_carried_into_the_meta_group_with_our_implementation()
    {
        var file = DicomFile.Open(TestCorpus.File("ct_ele_14s.dcm"));
        file.Dataset.AddOrUpdate(DicomTag.SOPInstanceUID, "2.25.1234");
        var output = new MemoryStream();
        file.Save(output);
        var meta = DicomFile.Read(output.ToArray()).FileMetaInfo;
        Assert.Equal("2.25.1234", meta.MediaStorageSOPInstanceUID);
        Assert.Equal(DicomFileMetaInformation.OurImplementationClassUid, meta.ImplementationClassUID);
        Assert.Equal(DicomFileMetaInformation.OurImplementationVersionName, meta.ImplementationVersionName);
        Assert.Equal(DicomTransferSyntax.ExplicitVRLittleEndian, meta.TransferSyntax);
    }

    [Fact]
    public void A_new_dataset_gets_a_complete_meta_group_with_a_correct_group_length()
    {
        var dataset = new DicomDataset();
        dataset.AddOrUpdate(DicomTag.SOPClassUID, DicomUID.SecondaryCaptureImageStorage.UID);
        dataset.AddOrUpdate(DicomTag.SOPInstanceUID, "2.25.99");
        var output = new MemoryStream();
        new DicomFile(dataset).Save(output);
        var reread = DicomFile.Read(output.ToArray());
        var meta = reread.FileMetaInfo;
        Assert.Equal(DicomUID.SecondaryCaptureImageStorage.UID, meta.MediaStorageSOPClassUID);
        Assert.Equal("2.25.99", meta.MediaStorageSOPInstanceUID);
        var groupLength = meta.GetValue<uint>(DicomTag.FileMetaInformationGroupLength);
        var metaEnd = 132 + 12 + groupLength;
        Assert.Equal(0x08, output.ToArray()[metaEnd]); // the dataset's first tag, (0008,0016), starts right after
    }
}
