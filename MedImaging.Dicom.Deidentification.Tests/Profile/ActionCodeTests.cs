using MedImaging.Dicom.Deidentification.Profile;

namespace MedImaging.Dicom.Deidentification.Tests.Profile;

public class ActionCodeTests
{
    [Fact]
    public void Compound_codes_keep_the_table_order()
    {
        var code = ActionCode.Parse("X/Z/U*");
        Assert.True(code.IsCompound);
        Assert.Equal([ProfileAction.Remove, ProfileAction.Empty, ProfileAction.KeepReplacingUids], code.Alternatives);
    }

    [Fact]
    public void Single_code_of_a_compound_throws()
    {
        Assert.Throws<InvalidOperationException>(() => ActionCode.Parse("Z/D").Single);
    }

    [Theory]
    [InlineData("Q")]
    [InlineData("U*")]
    [InlineData("")]
    public void Unknown_codes_are_rejected(string text)
    {
        Assert.Throws<FormatException>(() => ActionCode.Parse(text));
    }
}
