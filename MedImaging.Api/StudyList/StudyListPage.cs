using MedImaging.Studies;

namespace MedImaging.Api.StudyList;

/// <summary>One page of studies, most recently updated first; <see cref="NextCursor"/> is null on the last page.</summary>
public sealed record StudyListPage(IReadOnlyList<StudySummary> Items, string? NextCursor);

/// <summary>A study in the list; <see cref="Outcomes"/> counts its finished instances: routed, quarantined, failed.</summary>
public sealed record StudySummary(
    string Id,
    string Status,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? CompletedAt,
    int InstanceCount,
    InstanceOutcomes Outcomes);
