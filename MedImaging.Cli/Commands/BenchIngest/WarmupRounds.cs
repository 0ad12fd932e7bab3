using System.Globalization;
using MedImaging.Cli.Benchmarking;

namespace MedImaging.Cli.Commands.BenchIngest;

/// <summary>
/// Runs the warm-up in rounds and prints each round's CPU per instance by process, so the report shows whether the JITs
/// (the JVM's in DynamoDB Local compiles for thousands of studies after a start) had settled before the measured window.
/// </summary>
public static class WarmupRounds
{
    public const int StudiesPerRound = 1000;

    /// <param name="runPhase">Runs that many studies (the function makes the i-th) and returns when all have finished.</param>
    public static async Task RunAsync(WarmupStudies warmup, Func<int, Func<int, BenchStudy>, Task> runPhase, Func<ProcessCpuSnapshot?> cpu, TextWriter progress)
    {
        for (var done = 0; done < warmup.Count;)
        {
            var round = Math.Min(StudiesPerRound, warmup.Count - done);
            var before = cpu();
            await runPhase(round, _ => warmup.Next());
            done += round;
            if (before is not null && cpu() is { } after)
                lock (progress) progress.WriteLine(Line(done - round, done, after.Since(before)));
        }
    }

    public static string Line(int from, int to, IReadOnlyList<RoleCpu> roles)
    {
        var system = roles.Where(r => r.Role != ProcessRoles.Bench).ToList();
        var studies = to - from;
        var parts = string.Join(", ", system.OrderByDescending(r => r.Seconds).Select(r => string.Create(CultureInfo.InvariantCulture, $"{r.Role} {r.Seconds * 1000 / studies:0.0}")));
        return string.Create(CultureInfo.InvariantCulture,
            $"  warm-up studies {from + 1}-{to}: {system.Sum(r => r.Seconds) * 1000 / studies:0.0} ms CPU per instance ({parts})");
    }
}
