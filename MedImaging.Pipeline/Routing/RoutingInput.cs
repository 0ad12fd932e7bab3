using MedImaging.Pipeline.Analysis;
using MedImaging.Pipeline.Metadata;

namespace MedImaging.Pipeline.Routing;

/// <summary>What the router decides on.</summary>
/// <param name="Analysis">Null when analysis did not run (e.g. de-identification failed first).</param>
/// <param name="DeidentificationFailed">The instance could not be de-identified: it must not leave quarantine.</param>
/// <param name="BurnedInPhiRisk">Pixels may carry identifying text that de-identification did not clean.</param>
public sealed record RoutingInput(
    InstanceMetadata Metadata,
    AnalysisResult? Analysis,
    bool DeidentificationFailed,
    bool BurnedInPhiRisk);
