using MedImaging.Pipeline.Analysis;

namespace MedImaging.Pipeline.Routing;

/// <summary>
/// One ordered routing rule. Every condition that is set must hold; within a list any value may match.
/// Header values compare case-insensitively after trimming.
/// </summary>
public sealed record RoutingRule
{
    public required string Name { get; init; }
    public required Destination Destination { get; init; }

    /// <summary>Header conditions by DICOM keyword (Modality, BodyPartExamined, SOPClassUID, ...).</summary>
    public Dictionary<string, string[]> Header { get; init; } = [];

    /// <summary>Analyzer classes (<see cref="ImageClasses"/>) that match.</summary>
    public string[] Classes { get; init; } = [];

    /// <summary>Labels of which at least one must reach the confidence threshold.</summary>
    public string[] Labels { get; init; } = [];

    /// <summary>Overrides <see cref="RoutingOptions.ConfidenceThreshold"/> for this rule's labels.</summary>
    public double? MinConfidence { get; init; }
}
