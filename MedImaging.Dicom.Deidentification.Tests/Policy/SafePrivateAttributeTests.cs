using MedImaging.Dicom.Deidentification.Policy;

namespace MedImaging.Dicom.Deidentification.Tests.Policy;

public class SafePrivateAttributeTests
{
    [Fact]
    public void Parses_creator_group_and_element_offset()
    {
        var attribute = SafePrivateAttribute.Parse("SIEMENS CSA: HEADER:0029:10");
        Assert.Equal(new SafePrivateAttribute("SIEMENS CSA: HEADER", 0x0029, 0x10), attribute);
        Assert.Equal("SIEMENS CSA: HEADER:0029:10", attribute.ToString());
    }

    [Theory]
    [InlineData("GEMS:0028:10")]
    [InlineData("nothing")]
    [InlineData("GEMS:0029")]
    public void Rejects_even_groups_and_malformed_text(string text)
    {
        Assert.ThrowsAny<FormatException>(() => SafePrivateAttribute.Parse(text));
    }
}
