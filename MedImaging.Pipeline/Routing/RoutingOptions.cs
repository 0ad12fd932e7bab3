using MedImaging.Pipeline.Analysis;

namespace MedImaging.Pipeline.Routing;

/// <summary>Bound from configuration section <c>MedImaging:Pipeline:Routing</c>.</summary>
public sealed record RoutingOptions
{
    public const string SectionName = "MedImaging:Pipeline:Routing";

    /// <summary>Percent a label needs to count, 90 as in the original Lambda router.</summary>
    public double ConfidenceThreshold { get; init; } = 90;

    /// <summary>Where an instance goes when no rule matches.</summary>
    public Destination Fallback { get; init; } = Destination.General;

    /// <summary>
    /// Rules in order; the first that matches wins. Empty means <see cref="DefaultRules"/>: the
    /// configuration binder appends to a pre-filled list, so configured rules could not replace defaults
    /// held here.
    /// </summary>
    public List<RoutingRule> Rules { get; init; } = [];

    public IReadOnlyList<RoutingRule> EffectiveRules => Rules.Count > 0 ? Rules : DefaultRules();

    public static List<RoutingRule> DefaultRules() =>
    [
        new() { Name = "class-xray", Destination = Destination.Xray, Classes = [ImageClasses.Xray] },
        new() { Name = "class-ct", Destination = Destination.CtScan, Classes = [ImageClasses.Ct] },
        new() { Name = "label-xray", Destination = Destination.Xray, Labels = ["X-Ray", "Xray", "Radiography"] },
        new() { Name = "label-ct", Destination = Destination.CtScan, Labels = ["CT Scan", "Computed Tomography", "Ct"] },
    ];
}
