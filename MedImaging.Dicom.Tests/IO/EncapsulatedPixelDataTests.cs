using MedImaging.Testing;

namespace MedImaging.Dicom.Tests.IO;

public class EncapsulatedPixelDataTests
{
    [Fact]
    public void Rle_frame_split_over_fragments_keeps_every_fragment()
    {
        var dataset = DicomFile.Open(TestCorpus.File("ct_rle_frags.dcm")).Dataset;
        var pixels = dataset.GetDicomItem<DicomFragmentSequence>(DicomTag.PixelData);
        Assert.NotNull(pixels);
        Assert.True(pixels!.Fragments.Count > 1);
        Assert.All(pixels.Fragments, f => Assert.True(f.Length > 0));
    }

    [Fact]
    public void Multi_frame_jpeg_has_an_offset_table_entry_per_frame()
    {
        var dataset = DicomFile.Open(TestCorpus.File("us_ybr422_jpeg50_mf30.dcm")).Dataset;
        var pixels = dataset.GetDicomItem<DicomFragmentSequence>(DicomTag.PixelData)!;
        var frames = dataset.GetValue<int>(DicomTag.NumberOfFrames);
        Assert.True(pixels.Fragments.Count >= frames);
        if (pixels.OffsetTable.Count > 0) Assert.Equal(frames, pixels.OffsetTable.Count);
        var first = pixels.Fragments[0].GetBytes().Span;
        Assert.Equal(0xFF, first[0]);
        Assert.Equal(0xD8, first[1]);
    }
}
