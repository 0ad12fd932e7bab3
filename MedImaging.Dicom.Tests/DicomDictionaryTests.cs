using MedImaging.Testing;

namespace MedImaging.Dicom.Tests;

public class DicomDictionaryTests
{
    [Fact]
    public void Holds_every_row_of_the_standard_table()
    {
        var rows = File.ReadAllLines(Path.Combine(TestCorpus.StandardDirectory, "data-dictionary.tsv")).Skip(1).Count(l => l.Length > 0);
        Assert.Equal(rows, DicomDictionary.Default.Count);
    }

    [Fact]
    public void Well_known_tags_resolve_to_their_entries()
    {
        var entry = DicomDictionary.Default[DicomTag.PatientName];
        Assert.Equal("PatientName", entry.Keyword);
        Assert.Equal(DicomVR.PN, entry.DefaultVR);
        Assert.Equal(new DicomTag(0x7FE0, 0x0010), DicomTag.PixelData);
    }

    [Theory]
    [InlineData(0x6002, 0x3000, "OverlayData")]
    [InlineData(0x601E, 0x0010, "OverlayRows")]
    [InlineData(0x5004, 0x3000, "CurveData")]
    [InlineData(0x0028, 0x0412, "CoefficientCoding")]
    public void Repeating_groups_match_their_masked_row(int group, int element, string keyword) =>
        Assert.Equal(keyword, DicomDictionary.Default[new DicomTag((ushort)group, (ushort)element)].Keyword);

    [Fact]
    public void Unknown_private_creator_and_group_length_tags_get_synthetic_entries()
    {
        Assert.Equal(DicomVR.LO, DicomDictionary.Default[new DicomTag(0x0009, 0x0010)].DefaultVR);
        Assert.Equal(DicomVR.UL, DicomDictionary.Default[new DicomTag(0x0008, 0x0000)].DefaultVR);
        Assert.Equal(DicomVR.UN, DicomDictionary.Default[new DicomTag(0x0009, 0x1010)].DefaultVR);
    }

    [Fact]
    public void KeywordOf_agrees_with_the_loaded_dictionary_for_every_row_and_synthetic_tags()
    {
        var rows = File.ReadAllLines(Path.Combine(TestCorpus.StandardDirectory, "data-dictionary.tsv")).Skip(1).Where(l => l.Length > 0);
        var tags = rows.Select(l => DicomTag.FromValue(Convert.ToUInt32(l[..8].Replace('x', '2'), 16)))
            .Concat([new DicomTag(0x0009, 0x0010), new DicomTag(0x0008, 0x0000), new DicomTag(0x0009, 0x1010), new DicomTag(0x0008, 0x9999), new DicomTag(0x6002, 0x3000)])
            .ToList();
        Assert.True(tags.Count > 5000);
        foreach (var tag in tags)
            Assert.Equal(DicomDictionary.Default[tag].Keyword, DicomDictionary.KeywordOf(tag));
    }

    [Fact]
    public void Multi_vr_rows_keep_every_choice()
    {
        var entry = DicomDictionary.Default[DicomTag.SmallestImagePixelValue];
        Assert.Equal([DicomVR.US, DicomVR.SS], entry.ValueRepresentations);
    }

    [Fact]
    public void Tags_parse_from_text_and_keywords()
    {
        Assert.Equal(DicomTag.PatientID, DicomTag.Parse("(0010,0020)"));
        Assert.Equal(DicomTag.PatientID, DicomTag.Parse("00100020"));
        Assert.Equal(DicomTag.PatientID, DicomTag.Parse("PatientID"));
        Assert.False(DicomTag.TryParse("NotAKeyword", out _));
    }
}
