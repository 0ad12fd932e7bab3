using MedImaging.Dicom.Deidentification.Policy;

namespace MedImaging.Dicom.Deidentification.Tests.Policy;

public class PixelCleaningRuleTests
{
    private static readonly PixelCleaningRule Rule = new("US", "ACME", 480, 640, [new PixelRectangle(0, 0, 640, 40)]);

    [Fact]
    public void Matches_when_every_criterion_matches()
    {
        Assert.True(Rule.Matches("US", "acme medical ", 480, 640));
    }

    [Theory]
    [InlineData("CT", "ACME", 480, 640)]
    [InlineData("US", "Other", 480, 640)]
    [InlineData("US", null, 480, 640)]
    [InlineData("US", "ACME", 600, 800)]
    public void Does_not_match_other_devices_or_sizes(string? modality, string? manufacturer, int rows, int columns)
    {
        Assert.False(Rule.Matches(modality, manufacturer, rows, columns));
    }

    [Fact]
    public void Null_criteria_match_anything()
    {
        var any = new PixelCleaningRule(null, null, null, null, []);
        Assert.True(any.Matches(null, null, 1, 1));
    }
}
