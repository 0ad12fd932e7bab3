using MedImaging.Pipeline.Execution;

namespace MedImaging.Pipeline.Publishing;

/// <summary>The JSON study report stored beside the outputs ({study'}/report.json). PHI-free by construction.</summary>
public sealed record StudyReport(
    string StudyUid,
    string Status,
    DateTimeOffset GeneratedAt,
    int InstanceCount,
    int CompletedCount,
    int FailedCount,
    IReadOnlyList<string> Modalities,
    IReadOnlyList<SeriesSummary> Series,
    IReadOnlyList<LabelSummary> Labels,
    IReadOnlyDictionary<string, int> Routing,
    DeidentificationReport Deidentification,
    IReadOnlyList<InstanceResult> Instances);

public sealed record SeriesSummary(string SeriesUid, string? Modality, int InstanceCount);

/// <summary>A label across the study: how many instances carry it and its highest confidence.</summary>
public sealed record LabelSummary(string Name, int InstanceCount, double MaxConfidence);

public sealed record DeidentificationReport(int Deidentified, int Failed, int BurnedInPhiRisk, IReadOnlyDictionary<string, int> ActionCounts);
