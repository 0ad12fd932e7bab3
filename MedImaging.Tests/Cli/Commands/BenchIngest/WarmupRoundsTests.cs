using MedImaging.Cli.Benchmarking;
using MedImaging.Cli.Commands.BenchIngest;

namespace MedImaging.Tests.Cli.Commands.BenchIngest;

public sealed class WarmupRoundsTests
{
    [Fact]
    public async Task A_warm_up_runs_in_rounds_of_a_thousand_making_each_study_only_when_its_round_asks()
    {
        var made = 0;
        var rounds = new List<int>();
        var warmup = new WarmupStudies(2500, () => new BenchStudy($"2.25.{Interlocked.Increment(ref made)}", []));

        await WarmupRounds.RunAsync(warmup, (count, studyAt) =>
        {
            rounds.Add(count);
            Assert.Equal(made, rounds.Take(rounds.Count - 1).Sum()); // nothing made ahead of its round
            for (var i = 0; i < count; i++) studyAt(i);
            return Task.CompletedTask;
        }, () => null, TextWriter.Null);

        Assert.Equal([1000, 1000, 500], rounds);
        Assert.Equal(2500, made);
    }

    [Fact]
    public void A_round_line_gives_the_system_cpu_per_instance_and_each_process_largest_first_without_the_bench()
    {
        RoleCpu[] roles = [new("Silo", 4.0, 1), new(ProcessRoles.Bench, 0.5, 1), new("DynamoDB Local (java)", 5.0, 3)];

        var line = WarmupRounds.Line(1000, 2000, roles);

        Assert.Equal("  warm-up studies 1001-2000: 9.0 ms CPU per instance (DynamoDB Local (java) 5.0, Silo 4.0)", line);
    }
}
