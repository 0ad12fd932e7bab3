using MedImaging.Cli.Commands;

namespace MedImaging.Dicom.Deidentification.Tests.Cli;

public class DeidArgumentsTests
{
    [Fact]
    public void Parses_inputs_output_secret_options_and_lists()
    {
        var parsed = DeidArguments.Parse(
        [
            "a.dcm", "-o", "out", "b.dcm", "--secret", "s", "--option", "retain-safe-private",
            "--safe-private", "ACME:0029:01", "--option", "clean-pixel-data", "--pixel-rule", "US,*,*,*,0,0,10,10", "--audit",
        ]);
        Assert.Equal(["a.dcm", "b.dcm"], parsed.Inputs);
        Assert.Equal("out", parsed.OutputDirectory);
        Assert.Equal("s"u8.ToArray(), parsed.Secret);
        Assert.True(parsed.SecretGiven);
        Assert.True(parsed.Policy.RetainSafePrivate);
        Assert.True(parsed.Policy.CleanPixelData);
        Assert.Single(parsed.Policy.SafePrivateAttributes);
        Assert.Single(parsed.Policy.PixelCleaningRules);
        Assert.True(parsed.WriteAudit);
    }

    [Fact]
    public void Without_a_secret_a_random_one_is_used()
    {
        var first = DeidArguments.Parse(["a.dcm", "-o", "out"]);
        var second = DeidArguments.Parse(["a.dcm", "-o", "out"]);
        if (Environment.GetEnvironmentVariable(DeidArguments.SecretVariable) is { Length: > 0 })
            return;
        Assert.False(first.SecretGiven);
        Assert.NotEqual(first.Secret, second.Secret);
        Assert.Equal(32, first.Secret.Length);
    }

    [Fact]
    public void Clean_pixel_data_without_rules_is_rejected()
    {
        Assert.Throws<ArgumentException>(() => DeidArguments.Parse(["a.dcm", "-o", "out", "--option", "clean-pixel-data"]));
    }
}
