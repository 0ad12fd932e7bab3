using MedImaging.Testing;

namespace MedImaging.Dicom.Tests;

public class DicomDatasetTests
{
    [Fact]
    public void Reads_typed_values_from_a_ct()
    {
        var dataset = DicomFile.Open(TestCorpus.File("ct_ele_14s.dcm")).Dataset;
        Assert.Equal((ushort)512, dataset.GetValue<ushort>(DicomTag.Rows));
        Assert.Equal(512, dataset.GetValue<int>(DicomTag.Columns));
        Assert.Equal("CT", dataset.GetString(DicomTag.Modality));
        Assert.Equal(["ORIGINAL", "PRIMARY", "AXIAL"], dataset.GetStrings(DicomTag.ImageType));
        Assert.Equal(DicomUID.CTImageStorage, dataset.GetValue<DicomUID>(DicomTag.SOPClassUID));
        Assert.Equal(1, dataset.GetValue<int>(DicomTag.PixelRepresentation));
        Assert.Equal(512L * 512 * 2, dataset.GetDicomItem<DicomElement>(DicomTag.PixelData)!.Length);
    }

    [Fact]
    public void Decimal_strings_parse_in_the_invariant_culture_whatever_the_current_culture()
    {
        var dataset = new DicomDataset();
        dataset.AddOrUpdate(DicomTag.PixelSpacing, "0.5", "0.25");
        dataset.AddOrUpdate(DicomTag.InstanceNumber, "12");
        var saved = Thread.CurrentThread.CurrentCulture;
        try
        {
            Thread.CurrentThread.CurrentCulture = System.Globalization.CultureInfo.InvariantCulture;
            Assert.Equal([0.5, 0.25], dataset.GetValues<double>(DicomTag.PixelSpacing));
            Assert.Equal(12, dataset.GetValue<int>(DicomTag.InstanceNumber));
        }
        finally
        {
            Thread.CurrentThread.CurrentCulture = saved;
        }
    }

    [Fact]
    public void Add_update_remove_keep_tag_order()
    {
        var dataset = new DicomDataset();
        dataset.AddOrUpdate(DicomTag.StudyInstanceUID, "1.2.3");
        dataset.AddOrUpdate(DicomTag.PatientName, "Test^Name");
        dataset.AddOrUpdate<ushort>(DicomTag.Rows, 256);
        dataset.AddOrUpdate(DicomTag.PatientName, "Other^Name");
        Assert.Equal([DicomTag.PatientName, DicomTag.StudyInstanceUID, DicomTag.Rows], dataset.Select(i => i.Tag).ToArray());
        Assert.Equal("Other^Name", dataset.GetString(DicomTag.PatientName));
        Assert.Equal((ushort)256, dataset.GetValue<ushort>(DicomTag.Rows));
        Assert.True(dataset.Remove(DicomTag.PatientName));
        Assert.False(dataset.TryGetString(DicomTag.PatientName, out _));
        Assert.Throws<DicomDataException>(() => dataset.GetString(DicomTag.PatientName));
    }

    [Fact]
    public void Values_are_padded_to_even_length_per_vr()
    {
        var dataset = new DicomDataset();
        dataset.AddOrUpdate(DicomTag.SOPInstanceUID, "1.2.3");
        dataset.AddOrUpdate(DicomTag.Modality, "MRI");
        Assert.Equal((byte)0, dataset.GetDicomItem<DicomElement>(DicomTag.SOPInstanceUID)!.Buffer.Span[^1]);
        Assert.Equal((byte)' ', dataset.GetDicomItem<DicomElement>(DicomTag.Modality)!.Buffer.Span[^1]);
        Assert.Equal("1.2.3", dataset.GetString(DicomTag.SOPInstanceUID));
        Assert.Equal("MRI", dataset.GetString(DicomTag.Modality));
    }

    [Fact]
    public void Big_endian_values_are_read_in_their_byte_order()
    {
        var big = DicomFile.Open(TestCorpus.File("mr_enh_mf10_ebe.dcm")).Dataset;
        var little = DicomFile.Open(TestCorpus.File("mr_enh_mf10_ele_12u.dcm")).Dataset;
        Assert.Equal(little.GetValue<ushort>(DicomTag.Rows), big.GetValue<ushort>(DicomTag.Rows));
        Assert.Equal(little.GetValue<ushort>(DicomTag.BitsStored), big.GetValue<ushort>(DicomTag.BitsStored));
    }

    [Fact]
    public void Sequences_nest_and_items_see_the_parent_character_set()
    {
        var dataset = DicomFile.Open(TestCorpus.File("sr_reportsi.dcm")).Dataset;
        var content = dataset.GetSequence(DicomTag.ContentSequence);
        Assert.NotNull(content);
        Assert.NotEmpty(content!.Items);
        Assert.Same(dataset, content.Items[0].Parent);
    }

    [Fact]
    public void Attribute_tags_read_as_tags()
    {
        var dataset = new DicomDataset();
        dataset.AddOrUpdate(DicomElementFactory.FromTags(DicomTag.FrameIncrementPointer, [DicomTag.FrameTime]));
        Assert.Equal(DicomTag.FrameTime, dataset.GetValue<DicomTag>(DicomTag.FrameIncrementPointer));
    }
}
