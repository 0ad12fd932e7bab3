using MedImaging.Dicom.Values;

namespace MedImaging.Dicom.Tests.Values;

public class DicomPersonNameTests
{
    [Fact]
    public void Splits_groups_and_components()
    {
        var name = DicomPersonName.Parse("Yamada^Tarou=山田^太郎=やまだ^たろう");
        Assert.Equal("Yamada", name.FamilyName);
        Assert.Equal("Tarou", name.GivenName);
        Assert.Equal("山田", name.Ideographic.FamilyName);
        Assert.Equal("たろう", name.Phonetic.GivenName);
        Assert.Equal("Yamada^Tarou=山田^太郎=やまだ^たろう", name.ToDicomString());
    }

    [Fact]
    public void Drops_trailing_empty_components_and_hides_the_name_in_ToString()
    {
        var name = DicomPersonName.Parse("Doe^John^^Dr^");
        Assert.Equal("Dr", name.Alphabetic.Prefix);
        Assert.Equal("Doe^John^^Dr", name.ToDicomString());
        Assert.DoesNotContain("Doe", name.ToString());
        Assert.DoesNotContain("Doe", name.Alphabetic.ToString());
    }
}
