using MedImaging.Testing;

namespace MedImaging.Dicom.Tests;

public class PrivateTagTests
{
    [Fact]
    public void Private_elements_are_bound_to_their_creator()
    {
        var dataset = DicomFile.Open(TestCorpus.File("mr_overlay_icon.dcm")).Dataset;
        var creators = dataset.Where(i => i.Tag.IsPrivateCreator).ToList();
        Assert.NotEmpty(creators);
        var privateElements = dataset.Where(i => i.Tag.IsPrivate && !i.Tag.IsPrivateCreator && !i.Tag.IsGroupLength).ToList();
        Assert.NotEmpty(privateElements);
        Assert.All(privateElements, e => Assert.Equal(dataset.GetString(e.Tag.PrivateCreatorTag), e.Tag.PrivateCreator));
    }

    [Fact]
    public void Private_elements_are_found_by_creator_and_offset()
    {
        var dataset = new DicomDataset();
        dataset.AddOrUpdate(DicomVR.LO, new DicomTag(0x0029, 0x0010), "VENDOR A");
        dataset.AddOrUpdate(DicomVR.LO, new DicomTag(0x0029, 0x0011), "VENDOR B");
        dataset.AddOrUpdate(DicomVR.LO, new DicomTag(0x0029, 0x1101), "b-value");
        Assert.True(dataset.TryGetPrivateItem(0x0029, "VENDOR B", 0x01, out var item));
        Assert.Equal(new DicomTag(0x0029, 0x1101), item!.Tag);
        Assert.False(dataset.TryGetPrivateItem(0x0029, "VENDOR A", 0x01, out _));
        Assert.False(dataset.TryGetPrivateItem(0x0029, "VENDOR C", 0x01, out _));
    }

    [Fact]
    public void Stale_group_lengths_are_kept_unless_recalculation_is_asked_for()
    {
        var file = DicomFile.Open(TestCorpus.File("ct_ele_14s.dcm"));
        var kept = new MemoryStream();
        file.Save(kept);
        var recalculated = new MemoryStream();
        file.Save(recalculated, new DicomWriteOptions { RecalculateGroupLengths = true });
        var pixelGroupLength = new DicomTag(0x7FE0, 0x0000);
        Assert.Equal(file.Dataset.GetValue<uint>(pixelGroupLength), DicomFile.Read(kept.ToArray()).Dataset.GetValue<uint>(pixelGroupLength));
        Assert.Equal(12u + 512 * 512 * 2, DicomFile.Read(recalculated.ToArray()).Dataset.GetValue<uint>(pixelGroupLength));
    }
}
