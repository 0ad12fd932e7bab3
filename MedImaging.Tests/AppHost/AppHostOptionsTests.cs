using MedImaging.AppHost;
using MedImaging.AppHost.Emulators;
using Microsoft.Extensions.Configuration;

namespace MedImaging.Tests.AppHost;

public sealed class AppHostOptionsTests
{
    private static IConfiguration Configuration(Dictionary<string, string?> values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values).Build();

    [Fact]
    public void Flags_override_configuration_and_defaults_fill_the_rest()
    {
        var options = AppHostOptions.From(
            ["--api-port", "0", "--aws"],
            Configuration(new() { ["MedImaging:AppHost:ApiPort"] = "7000", ["MedImaging:AppHost:SiloReplicas"] = "2", ["MedImaging:Aws:Region"] = "eu-west-1" }));

        Assert.Equal(0, options.ApiPort);
        Assert.Equal(5081, options.SiloPort);
        Assert.Equal(2, options.SiloReplicas);
        Assert.True(options.UseRealAws);
        Assert.Equal("eu-west-1", options.Region);
    }

    [Fact]
    public void Real_aws_can_be_chosen_through_configuration_with_resource_names()
    {
        var options = AppHostOptions.From([], Configuration(new()
        {
            ["MedImaging:UseRealAws"] = "true",
            ["MedImaging:Resources:StudyTable"] = "studies",
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = "http://127.0.0.1:4317",
        }));

        Assert.True(options.UseRealAws);
        Assert.Equal("studies", options.RealAwsResources?.StudyTable);
        Assert.Equal("http://127.0.0.1:4317", options.OtlpEndpoint);
    }

    [Fact]
    public void Emulators_are_tuned_for_throughput_unless_configured_or_testing()
    {
        Assert.Equal(EmulatorTuning.Throughput, AppHostOptions.From([], Configuration([])).EmulatorTuning);
        Assert.Equal(EmulatorTuning.FastStart,
            AppHostOptions.From([], Configuration(new() { ["MedImaging:AppHost:EmulatorTuning"] = "faststart" })).EmulatorTuning);
        Assert.Equal(EmulatorTuning.FastStart, AppHostOptions.ForTesting().EmulatorTuning);
    }

    [Fact]
    public void A_port_that_is_not_a_number_is_rejected_with_the_flag_name()
    {
        var error = Assert.Throws<ArgumentException>(() => AppHostOptions.From(["--api-port", "http"], Configuration([])));
        Assert.Contains("--api-port", error.Message);
    }
}
