using MedImaging.Pipeline.Analysis;
using MedImaging.Pipeline.Metadata;
using MedImaging.Pipeline.Routing;
using MedImaging.Pipeline.Tests.Analysis;
using Microsoft.Extensions.Configuration;

namespace MedImaging.Pipeline.Tests.Routing;

public class RouterTests
{
    private static readonly InstanceMetadata PlainPng = new() { Kind = InstanceKind.Png };

    private static AnalysisResult Labels(params (string Name, double Confidence)[] labels) =>
        new("rekognition", "rekognition:DetectLabels", ImageClasses.General,
            labels.Select(l => new DetectedLabel(l.Name, l.Confidence)).ToList());

    [Theory]
    [InlineData("CR", Destination.Xray, "class-xray")]
    [InlineData("MG", Destination.Xray, "class-xray")]
    [InlineData("CT", Destination.CtScan, "class-ct")]
    [InlineData("MR", Destination.General, "fallback")]
    public void Header_classes_route_by_default(string modality, Destination expected, string reason)
    {
        var metadata = HeaderImageAnalyzerTests.Dicom(modality, null);
        var decision = new Router(new RoutingOptions()).Route(
            new RoutingInput(metadata, HeaderImageAnalyzer.Classify(metadata), false, false));
        Assert.Equal(new RoutingDecision(expected, reason), decision);
    }

    [Theory]
    [InlineData(95.0, Destination.Xray)]
    [InlineData(90.0, Destination.Xray)]   // the threshold itself counts, as in seed 000 (>=)
    [InlineData(89.99, Destination.General)]
    public void Labels_count_only_at_or_above_the_threshold(double confidence, Destination expected)
    {
        var decision = new Router(new RoutingOptions()).Route(
            new RoutingInput(PlainPng, Labels(("Person", 99), ("X-Ray", confidence)), false, false));
        Assert.Equal(expected, decision.Destination);
    }

    [Fact]
    public void Safety_comes_before_every_rule()
    {
        var metadata = HeaderImageAnalyzerTests.Dicom("CT", null);
        var router = new Router(new RoutingOptions());
        Assert.Equal(new RoutingDecision(Destination.Quarantine, Router.DeidentificationFailedReason),
            router.Route(new RoutingInput(metadata, HeaderImageAnalyzer.Classify(metadata), true, false)));
        Assert.Equal(new RoutingDecision(Destination.Quarantine, Router.BurnedInPhiReason),
            router.Route(new RoutingInput(metadata, HeaderImageAnalyzer.Classify(metadata), false, true)));
    }

    [Fact]
    public void Rules_bind_from_configuration_in_order_and_replace_the_defaults()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["MedImaging:Pipeline:Routing:ConfidenceThreshold"] = "80",
            ["MedImaging:Pipeline:Routing:Fallback"] = "Quarantine",
            ["MedImaging:Pipeline:Routing:Rules:0:Name"] = "knees-to-general",
            ["MedImaging:Pipeline:Routing:Rules:0:Destination"] = "General",
            ["MedImaging:Pipeline:Routing:Rules:0:Header:Modality:0"] = "CR",
            ["MedImaging:Pipeline:Routing:Rules:0:Header:BodyPartExamined:0"] = "KNEE",
            ["MedImaging:Pipeline:Routing:Rules:1:Name"] = "fracture",
            ["MedImaging:Pipeline:Routing:Rules:1:Destination"] = "Xray",
            ["MedImaging:Pipeline:Routing:Rules:1:Labels:0"] = "Fracture",
            ["MedImaging:Pipeline:Routing:Rules:2:Name"] = "strict-ct",
            ["MedImaging:Pipeline:Routing:Rules:2:Destination"] = "CtScan",
            ["MedImaging:Pipeline:Routing:Rules:2:Labels:0"] = "CT Scan",
            ["MedImaging:Pipeline:Routing:Rules:2:MinConfidence"] = "99",
        }).Build();
        var options = configuration.GetSection(RoutingOptions.SectionName).Get<RoutingOptions>()!;
        Assert.Equal(["knees-to-general", "fracture", "strict-ct"], options.EffectiveRules.Select(r => r.Name));

        var router = new Router(options);
        var knee = HeaderImageAnalyzerTests.Dicom("CR", null, bodyPart: " knee ");
        Assert.Equal(new RoutingDecision(Destination.General, "knees-to-general"),
            router.Route(new RoutingInput(knee, HeaderImageAnalyzer.Classify(knee), false, false)));
        Assert.Equal(new RoutingDecision(Destination.Xray, "fracture"),
            router.Route(new RoutingInput(PlainPng, Labels(("Fracture", 85)), false, false)));
        Assert.Equal(new RoutingDecision(Destination.Quarantine, "fallback"),
            router.Route(new RoutingInput(PlainPng, Labels(("CT Scan", 98)), false, false)));
        Assert.Equal(Destination.CtScan,
            router.Route(new RoutingInput(PlainPng, Labels(("CT Scan", 99.5)), false, false)).Destination);
    }
}
