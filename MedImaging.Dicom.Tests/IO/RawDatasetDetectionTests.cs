using System.Text;

namespace MedImaging.Dicom.Tests.IO;

/// <summary>A dataset without file meta is recognised by its first element; what we write back must be recognised again.</summary>
public class RawDatasetDetectionTests
{
    [Theory]
    [InlineData(0x0009)] // a dataset may hold private data alone
    [InlineData(0x0001)] // illegal per PS3.5 7.1, seen in damaged files; still readable, as dcmtk reads it
    [InlineData(0x0008)]
    public void A_raw_dataset_whose_first_group_is_low_reads_back(ushort firstGroup)
    {
        var dataset = new DicomDataset();
        dataset.AddOrUpdate(DicomVR.LO, new DicomTag(firstGroup, 0x0010), "FIRST");
        dataset.AddOrUpdate(DicomTag.BodyPartExamined, "CHEST");
        var written = new MemoryStream();
        new DicomFile(dataset).Save(written, new DicomWriteOptions { WriteRawDataset = true });
        Assert.Equal(firstGroup, BitConverter.ToUInt16(written.ToArray(), 0));

        var reread = DicomFile.Read(written.ToArray());

        Assert.Equal(DicomFileFormat.RawDataset, reread.Format);
        Assert.Equal("CHEST", reread.Dataset.GetString(DicomTag.BodyPartExamined));
        Assert.Equal("FIRST", reread.Dataset.GetString(new DicomTag(firstGroup, 0x0010)));
    }

    [Theory]
    [InlineData(new byte[] { 0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 0x4A, 0x46 })] // JPEG
    [InlineData(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A })] // PNG
    public void An_image_file_is_refused_as_not_dicom(byte[] head)
    {
        var bytes = head.Concat(new byte[200]).ToArray();
        var error = Assert.Throws<DicomFormatException>(() => DicomFile.Read(bytes));
        Assert.Contains("not DICOM", error.Message);
    }

    [Fact]
    public void Text_is_refused_as_not_dicom()
    {
        var bytes = Encoding.ASCII.GetBytes("%PDF-1.7\n" + new string(' ', 200));
        Assert.Throws<DicomFormatException>(() => DicomFile.Read(bytes));
    }
}
