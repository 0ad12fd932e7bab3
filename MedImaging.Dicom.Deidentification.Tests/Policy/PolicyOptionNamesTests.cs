using MedImaging.Dicom.Deidentification.Policy;
using MedImaging.Dicom.Deidentification.Profile;

namespace MedImaging.Dicom.Deidentification.Tests.Policy;

public class PolicyOptionNamesTests
{
    [Theory]
    [InlineData("retain-uids")]
    [InlineData("retain_uids")]
    [InlineData("RetainUids")]
    public void Column_and_enum_names_select_the_option(string name)
    {
        Assert.True(PolicyOptionNames.Apply(DeidentificationPolicy.Basic, name).RetainUids);
    }

    [Fact]
    public void Every_listed_name_is_accepted()
    {
        foreach (var name in PolicyOptionNames.All)
            PolicyOptionNames.Apply(DeidentificationPolicy.Basic, name);
        Assert.Equal(Enum.GetValues<ProfileOption>().Length + 2, PolicyOptionNames.All.Count());
        Assert.True(PolicyOptionNames.Apply(DeidentificationPolicy.Basic, "clean-pixel-data").CleanPixelData);
        Assert.True(PolicyOptionNames.Apply(DeidentificationPolicy.Basic, "clean-recognizable-visual-features").CleanRecognizableVisualFeatures);
    }

    [Fact]
    public void Unknown_names_are_rejected()
    {
        Assert.Throws<ArgumentException>(() => PolicyOptionNames.Apply(DeidentificationPolicy.Basic, "retain-everything"));
    }
}
