using MedImaging.Dicom.Deidentification.Policy;

namespace MedImaging.Dicom.Deidentification.Tests.Policy;

public class PixelCleaningRuleParserTests
{
    [Fact]
    public void Parses_criteria_and_rectangles()
    {
        var rule = PixelCleaningRuleParser.Parse("US,ACME,480,640,0,0,640,40,600,440,40,40");
        Assert.Equal("US", rule.Modality);
        Assert.Equal("ACME", rule.Manufacturer);
        Assert.Equal(480, rule.Rows);
        Assert.Equal(640, rule.Columns);
        Assert.Equal([new PixelRectangle(0, 0, 640, 40), new PixelRectangle(600, 440, 40, 40)], rule.Rectangles);
    }

    [Fact]
    public void Star_matches_anything()
    {
        var rule = PixelCleaningRuleParser.Parse("*,*,*,*,1,2,3,4");
        Assert.Null(rule.Modality);
        Assert.Null(rule.Rows);
        Assert.True(rule.Matches("MR", "X", 10, 10));
    }

    [Theory]
    [InlineData("US,*,1,1")]
    [InlineData("US,*,1,1,0,0,0,5")]
    [InlineData("US,*,1,1,0,0,5")]
    [InlineData("US,*,x,1,0,0,5,5")]
    public void Malformed_rules_are_rejected(string text)
    {
        Assert.ThrowsAny<FormatException>(() => PixelCleaningRuleParser.Parse(text));
    }
}
