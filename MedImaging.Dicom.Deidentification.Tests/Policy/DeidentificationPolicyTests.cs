using MedImaging.Dicom.Deidentification.Policy;
using MedImaging.Dicom.Deidentification.Profile;

namespace MedImaging.Dicom.Deidentification.Tests.Policy;

public class DeidentificationPolicyTests
{
    [Fact]
    public void Basic_policy_enables_no_option()
    {
        Assert.Empty(DeidentificationPolicy.Basic.EnabledOptions);
        Assert.False(DeidentificationPolicy.Basic.CleanPixelData);
    }

    [Fact]
    public void Every_option_can_be_switched_on_alone()
    {
        foreach (var option in Enum.GetValues<ProfileOption>())
        {
            var policy = DeidentificationPolicy.Basic.With(option);
            Assert.Equal([option], policy.EnabledOptions);
        }
    }

    [Fact]
    public void Full_and_modified_dates_are_exclusive()
    {
        var policy = DeidentificationPolicy.Basic
            .With(ProfileOption.RetainLongitudinalFullDates)
            .With(ProfileOption.RetainLongitudinalModifiedDates);
        Assert.Throws<ArgumentException>(() => policy.Validate());
    }

    [Fact]
    public void Clean_pixel_data_needs_rules()
    {
        Assert.Throws<ArgumentException>(() => (DeidentificationPolicy.Basic with { CleanPixelData = true }).Validate());
        var rule = new PixelCleaningRule("US", null, null, null, [new PixelRectangle(0, 0, 640, 40)]);
        Assert.NotNull((DeidentificationPolicy.Basic with { CleanPixelData = true, PixelCleaningRules = [rule] }).Validate());
    }
}
