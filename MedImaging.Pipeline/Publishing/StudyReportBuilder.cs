using MedImaging.Pipeline.Execution;

namespace MedImaging.Pipeline.Publishing;

public static class StudyReportBuilder
{
    public static StudyReport Build(string studyUid, string status, IReadOnlyList<InstanceResult> instances, DateTimeOffset generatedAt)
    {
        var series = instances.Where(i => i.SeriesUid is not null)
            .GroupBy(i => i.SeriesUid!)
            .Select(g => new SeriesSummary(g.Key, g.Select(i => i.Modality).FirstOrDefault(m => m is not null), g.Count()))
            .OrderBy(s => s.SeriesUid, StringComparer.Ordinal)
            .ToList();

        var labels = instances
            .SelectMany(i => (i.Analysis?.Labels ?? []).DistinctBy(l => l.Name, StringComparer.OrdinalIgnoreCase))
            .GroupBy(l => l.Name, StringComparer.OrdinalIgnoreCase)
            .Select(g => new LabelSummary(g.First().Name, g.Count(), g.Max(l => l.Confidence)))
            .OrderByDescending(l => l.InstanceCount).ThenBy(l => l.Name, StringComparer.Ordinal)
            .ToList();

        var routing = instances.Where(i => i.Routing is not null)
            .GroupBy(i => i.Routing!.Destination.ToString().ToLowerInvariant())
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count());

        var deidentified = instances.Select(i => i.Deidentification).OfType<DeidentificationSummary>().ToList();
        var actions = deidentified.SelectMany(d => d.ActionCounts)
            .GroupBy(p => p.Key, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Sum(p => p.Value));

        return new StudyReport(
            studyUid,
            status,
            generatedAt,
            instances.Count,
            instances.Count(i => i.Status == InstanceStatus.Completed),
            instances.Count(i => i.Status == InstanceStatus.Failed),
            instances.Select(i => i.Modality?.Trim().ToUpperInvariant()).OfType<string>().Where(m => m.Length > 0).Distinct().Order(StringComparer.Ordinal).ToList(),
            series,
            labels,
            routing,
            new DeidentificationReport(deidentified.Count(d => !d.Failed), deidentified.Count(d => d.Failed), deidentified.Count(d => d.BurnedInPhiRisk && !d.Failed), actions),
            instances.OrderBy(i => i.InstanceUid, StringComparer.Ordinal).ToList());
    }
}
