using MedImaging.Cli.Benchmarking;

namespace MedImaging.Cli.Commands.BenchIngest;

/// <summary>
/// Where the time of completed studies went, from their timelines (server clock): the wait from the instance's
/// receipt to its first step (queue and grain activation), each step's attempts, and from the last step's end to
/// the study's completedAt.
/// </summary>
public static class StepBreakdown
{
    public static IReadOnlyList<(string Part, LatencySummary Summary)> Of(IEnumerable<StudyState> studies)
    {
        var parts = new Dictionary<string, List<double>>();
        void Add(string part, TimeSpan duration)
        {
            if (!parts.TryGetValue(part, out var list)) parts[part] = list = [];
            list.Add(duration.TotalMilliseconds);
        }
        foreach (var study in studies)
        {
            var steps = (study.Instances ?? []).SelectMany(i => i.Steps ?? []).Where(s => s.EndedAt is not null).OrderBy(s => s.StartedAt).ToArray();
            if (steps.Length == 0) continue;
            foreach (var instance in study.Instances ?? [])
                if (instance is { ReceivedAt: { } received, Steps: [var first, ..] })
                    Add("received -> first step", first.StartedAt - received);
            foreach (var step in steps)
                Add(step.Attempt > 1 ? $"step {step.Step} (retry)" : $"step {step.Step}", step.EndedAt!.Value - step.StartedAt);
            if (study.CompletedAt is { } completed)
                Add("last step -> completed", completed - steps.Max(s => s.EndedAt!.Value));
        }
        return [.. parts.Select(p => (p.Key, LatencySummary.Of(p.Value)))];
    }
}
