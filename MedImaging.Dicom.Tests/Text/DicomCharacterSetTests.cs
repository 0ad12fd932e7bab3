using MedImaging.Dicom.Text;

namespace MedImaging.Dicom.Tests.Text;

/// <summary>Specific Character Set decoding, with byte strings taken from the encodings PS3.5 Annex H-K describes.</summary>
public class DicomCharacterSetTests
{
    public static TheoryData<string, byte[], string> SingleByteAndMultiByteSets() => new()
    {
        { "ISO_IR 100", [0x4D, 0xFC, 0x6C, 0x6C, 0x65, 0x72], "Müller" },
        { "ISO_IR 144", [0xBB, 0xEE, 0xDA, 0x63, 0x65, 0xDC, 0xD1, 0x79, 0x70, 0xD3], "Люкceмбypг" },
        { "ISO_IR 126", [0xC4, 0xE9, 0xEF, 0xED, 0xF5, 0xF3, 0xE9, 0xEF, 0xF2], "Διονυσιος" },
        { "ISO_IR 138", [0xF9, 0xF8, 0xE5, 0xEF], "שרון" },
        { "ISO_IR 127", [0xE2, 0xC8, 0xC7, 0xE6, 0xEA], "قباني" },
        { "ISO_IR 148", [0xDE, 0x61, 0xF0, 0x6C, 0x61, 0x6D], "Şağlam" },
        { "ISO_IR 166", [0xC0, 0xD2, 0xC9, 0xD2, 0xE4, 0xB7, 0xC2], "ภาษาไทย" },
        { "ISO_IR 192", [0xE7, 0x8E, 0x8B, 0x5E, 0xE5, 0xB0, 0x8F, 0xE4, 0xB8, 0x9C], "王^小东" },
        { "GB18030", [0xCD, 0xF5, 0x5E, 0xD0, 0xA1, 0xB6, 0xAB], "王^小东" },
        { "GBK", [0xCD, 0xF5, 0x5E, 0xD0, 0xA1, 0xB6, 0xAB], "王^小东" },
    };

    [Theory]
    [MemberData(nameof(SingleByteAndMultiByteSets))]
    public void Decodes_person_names_in_each_character_set(string term, byte[] bytes, string expected)
    {
        var dataset = new DicomDataset();
        dataset.AddOrUpdate(DicomTag.SpecificCharacterSet, term);
        dataset.AddOrUpdate(new DicomElement(DicomTag.PatientName, DicomVR.PN, bytes));
        Assert.Equal(expected, dataset.GetString(DicomTag.PatientName));
    }

    [Fact]
    public void Decodes_japanese_iso_2022_with_jis_x_0208()
    {
        byte[] bytes = [0x59, 0x61, 0x6D, 0x61, 0x64, 0x61, 0x5E, 0x54, 0x61, 0x72, 0x6F, 0x75, 0x3D, 0x1B, 0x24, 0x42, 0x3B, 0x33, 0x45, 0x44, 0x1B, 0x28, 0x42, 0x5E, 0x1B, 0x24, 0x42, 0x42, 0x40, 0x4F, 0x3A, 0x1B, 0x28, 0x42, 0x3D, 0x1B, 0x24, 0x42, 0x24, 0x64, 0x24, 0x5E, 0x24, 0x40, 0x1B, 0x28, 0x42, 0x5E, 0x1B, 0x24, 0x42, 0x24, 0x3F, 0x24, 0x6D, 0x24, 0x26, 0x1B, 0x28, 0x42];
        var set = DicomCharacterSet.FromTerms(["", "ISO 2022 IR 87"]);
        Assert.Equal("Yamada^Tarou=山田^太郎=やまだ^たろう", set.Decode(bytes, DicomVR.PN));
        Assert.Empty(set.UnknownTerms);
    }

    [Fact]
    public void Decodes_korean_iso_2022_with_ks_x_1001()
    {
        byte[] bytes = [0x48, 0x6F, 0x6E, 0x67, 0x5E, 0x47, 0x69, 0x6C, 0x64, 0x6F, 0x6E, 0x67, 0x3D, 0x1B, 0x24, 0x29, 0x43, 0xFB, 0xF3, 0x5E, 0x1B, 0x24, 0x29, 0x43, 0xD1, 0xCE, 0xD4, 0xD7, 0x3D, 0x1B, 0x24, 0x29, 0x43, 0xC8, 0xAB, 0x5E, 0x1B, 0x24, 0x29, 0x43, 0xB1, 0xE6, 0xB5, 0xBF];
        var set = DicomCharacterSet.FromTerms(["", "ISO 2022 IR 149"]);
        Assert.Equal("Hong^Gildong=洪^吉洞=홍^길동", set.Decode(bytes, DicomVR.PN));
    }

    [Fact]
    public void Unknown_terms_are_reported_and_text_still_decodes()
    {
        var set = DicomCharacterSet.FromTerms(["ISO_IR 999"]);
        Assert.Equal(["ISO_IR 999"], set.UnknownTerms);
        Assert.Equal("Müller", set.Decode([0x4D, 0xFC, 0x6C, 0x6C, 0x65, 0x72], DicomVR.PN));
    }

    [Fact]
    public void Items_inherit_the_character_set_of_their_parent()
    {
        var item = new DicomDataset();
        item.AddOrUpdate(new DicomElement(DicomTag.PatientName, DicomVR.PN, new byte[] { 0x4D, 0xFC, 0x6C, 0x6C, 0x65, 0x72 }));
        var parent = new DicomDataset();
        parent.AddOrUpdate(DicomTag.SpecificCharacterSet, "ISO_IR 100");
        parent.AddOrUpdate(new DicomSequence(DicomTag.OtherPatientIDsSequence, item));
        Assert.Equal("Müller", item.GetString(DicomTag.PatientName));
    }

    [Fact]
    public void Text_is_encoded_in_the_dataset_character_set()
    {
        var dataset = new DicomDataset();
        dataset.AddOrUpdate(DicomTag.SpecificCharacterSet, "ISO_IR 192");
        dataset.AddOrUpdate(DicomTag.PatientName, "王^小东");
        Assert.Equal("王^小东", dataset.GetString(DicomTag.PatientName));
        Assert.Equal(10, dataset.GetDicomItem<DicomElement>(DicomTag.PatientName)!.Length);
    }
}
