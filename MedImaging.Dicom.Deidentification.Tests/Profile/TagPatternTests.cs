using MedImaging.Dicom.Deidentification.Profile;

namespace MedImaging.Dicom.Deidentification.Tests.Profile;

public class TagPatternTests
{
    [Fact]
    public void Exact_tag_matches_only_itself()
    {
        var pattern = TagPattern.Parse("00100010");
        Assert.True(pattern.IsExact);
        Assert.True(pattern.Matches(0x00100010));
        Assert.False(pattern.Matches(0x00100020));
    }

    [Fact]
    public void Lower_case_x_matches_any_hex_digit()
    {
        var pattern = TagPattern.Parse("60xx3000");
        Assert.False(pattern.IsExact);
        Assert.True(pattern.Matches(0x60FF3000));
        Assert.False(pattern.Matches(0x60003001));
        Assert.False(pattern.Matches(0x61003000));
    }

    [Fact]
    public void Private_row_matches_odd_groups_only()
    {
        var pattern = TagPattern.Parse("ggggeeee");
        Assert.True(pattern.Matches(0x00090010));
        Assert.False(pattern.Matches(0x00080010));
    }

    [Theory]
    [InlineData("0010")]
    [InlineData("0010001G")]
    public void Malformed_tags_are_rejected(string text)
    {
        Assert.ThrowsAny<FormatException>(() => TagPattern.Parse(text));
    }
}
