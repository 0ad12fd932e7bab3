using MedImaging.Pipeline.Analysis;
using MedImaging.Pipeline.Metadata;
using MedImaging.Pipeline.Routing;
using MedImaging.Pipeline.Storage;

namespace MedImaging.Pipeline.Execution;

/// <summary>
/// The PHI-free result of one instance, written beside its outputs and embedded in the study report.
/// It names the instance only by de-identified UIDs (or pseudonyms when de-identification never ran).
/// </summary>
public sealed record InstanceResult(
    string InstanceUid,
    string? SeriesUid,
    InstanceStatus Status,
    InstanceKind? Kind,
    string? Modality,
    string? SopClassUid,
    string? BodyPartExamined,
    AnalysisResult? Analysis,
    RoutingDecision? Routing,
    IReadOnlyList<ObjectLocation> Outputs,
    DeidentificationSummary? Deidentification,
    string? FailureCode,
    string? FailureMessage)
{
    public static InstanceResult From(InstanceProgress progress, Pseudonymizer pseudonyms)
    {
        var deid = progress.Deidentification;
        var usable = deid is { Failed: false };
        return new InstanceResult(
            usable ? deid!.InstanceUid : pseudonyms.Pseudonym($"{progress.Item.StudyKey}/{progress.Item.InstanceKey}"),
            usable ? deid!.SeriesUid : null,
            progress.Status,
            progress.Metadata?.Kind,
            progress.Metadata?.Modality,
            progress.Metadata?.SopClassUid,
            progress.Metadata?.BodyPartExamined,
            progress.Analysis,
            progress.Routing,
            progress.RoutedOutputs,
            deid is null ? null : new DeidentificationSummary(deid.Failed, deid.BurnedInPhiRisk, deid.ActionCounts, deid.FailureCode),
            progress.FailureCode,
            progress.FailureMessage);
    }
}

public sealed record DeidentificationSummary(bool Failed, bool BurnedInPhiRisk, IReadOnlyDictionary<string, int> ActionCounts, string? FailureCode);
