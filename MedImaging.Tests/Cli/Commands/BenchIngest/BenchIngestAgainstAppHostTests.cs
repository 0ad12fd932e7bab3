using System.Globalization;
using System.Text.RegularExpressions;
using MedImaging.Cli;
using MedImaging.Cli.Benchmarking;
using MedImaging.Cli.Commands;
using MedImaging.Tests.AppHost;
using MedImaging.Testing;

namespace MedImaging.Tests.Cli.Commands.BenchIngest;

/// <summary>
/// `medimaging bench ingest` run for real against the AppHost (its own process tree on free ports) with a small N:
/// the printed figures parse and the counts add up. Timings are not asserted.
/// </summary>
public sealed partial class BenchIngestAgainstAppHostTests
{
    private static readonly string[] SystemRoles = [ProcessRoles.Silo, ProcessRoles.Api, ProcessRoles.DynamoDb, ProcessRoles.Fauxqs];

    [Fact]
    public async Task Pipelined_then_closed_runs_complete_every_study_and_print_the_cpu_of_each_process()
    {
        using var host = AppHostProcess.Start();
        await host.WaitUntilReadyAsync();
        var api = host.ApiUrl;

        // Pages of 3 studies read every 400 ms: a poll reads several pages, so the poller must follow the cursor.
        var pipelined = await RunAsync(api, host.Id, 24, "--list-page-size", "3", "--list-poll-ms", "400", "--max-in-flight", "6");

        Assert.Contains("pipelined (at most 6 in flight, list polled every 400 ms)", pipelined);
        Assert.Matches(@"warm-up studies 1-3: [\d.]+ ms CPU per instance \(.*Silo [\d.]+", pipelined);
        Assert.Equal(new double[] { 24, 24, 0 }, Numbers(pipelined, @"completed (\d+) of (\d+), failures (\d+)"));
        Assert.Matches(@"upload -> completed \(grain\) .*\(n=24\)", pipelined);
        Assert.True(Number(pipelined, @"throughput\s+([\d.]+) instances/s") > 0);
        var requests = Numbers(pipelined, @"status requests\s+(\d+) study GETs, (\d+) list pages \((\d+) studies listed\), (\d+) found only by a study GET");
        Assert.Equal(0, requests[0]);
        Assert.True(requests[1] >= 4, $"one poll reads completed and failed, several pages each: {requests[1]} requests");
        Assert.True(requests[2] + requests[3] >= 24, $"every study was listed or found: {string.Join(", ", requests)}");
        AssertCpuPerProcess(pipelined);
        Assert.Contains("where the time went (24 study timelines, sampled after the run", pipelined);

        var closed = await RunAsync(api, host.Id, 8, "--mode", "closed");

        Assert.Contains("closed loop", closed);
        Assert.Matches(@"warm-up studies 1-3: [\d.]+ ms CPU per instance", closed);
        Assert.Equal(new double[] { 8, 8, 0 }, Numbers(closed, @"completed (\d+) of (\d+), failures (\d+)"));
        var closedRequests = Numbers(closed, @"status requests\s+(\d+) study GETs, (\d+) list pages");
        Assert.True(closedRequests[0] >= 8, $"each study was polled at least once: {closedRequests[0]}");
        Assert.Equal(0, closedRequests[1]);
        AssertCpuPerProcess(closed);
    }

    [CpuBudgetFact]
    public async Task Under_a_cpu_budget_the_silo_and_api_run_in_its_group_and_go_back_afterwards()
    {
        using var host = AppHostProcess.Start();
        await host.WaitUntilReadyAsync();
        var api = host.ApiUrl;
        var services = ProcessCpuSnapshot.Take(host.Id)!.Processes
            .Where(p => p.Value.Role is ProcessRoles.Silo or ProcessRoles.Api).Select(p => p.Key).ToList();
        Assert.Equal(2, services.Count);
        var hierarchy = CgroupHierarchy.Find(Environment.ProcessId);
        var before = services.Select(hierarchy.GroupOf).ToList();

        var run = RunAsync(api, host.Id, 12, "--mode", "closed", "--cpu-budget", "1");
        var seenInBudget = new HashSet<int>();
        while (!run.IsCompleted)
        {
            seenInBudget.UnionWith(services.Where(pid => Path.GetFileName(hierarchy.GroupOf(pid)).StartsWith("medimaging-bench-", StringComparison.Ordinal)));
            await Task.Delay(20);
        }
        var report = await run;

        Assert.Contains("CPU budget: the Silo and Api together 1.00 cores", report);
        Assert.Equal(new double[] { 12, 12, 0 }, Numbers(report, @"completed (\d+) of (\d+), failures (\d+)"));
        Assert.Equal(services.Order(), seenInBudget.Order());
        Assert.Equal(before, services.Select(hierarchy.GroupOf));
    }

    private static async Task<string> RunAsync(string api, int systemPid, int instances, params string[] options)
    {
        var output = new StringWriter();
        var errors = new StringWriter();
        string[] arguments =
        [
            "bench", "ingest", "--url", api, "--instances", instances.ToString(CultureInfo.InvariantCulture), "--concurrency", "3",
            "--warmup", "3", "--finalize-studies", "0", "--no-peer", "--system-pid", systemPid.ToString(CultureInfo.InvariantCulture),
            "--source", TestCorpus.File("study_knee_s1_01.dcm"), .. options,
        ];
        var exitCode = await Task.Run(() => CommandLine.Run(arguments, output, errors));
        Assert.True(exitCode == BenchIngestCommand.PeerSkipped, $"exit {exitCode}\n{output}\n{errors}");
        return output.ToString();
    }

    /// <summary>Every process of the system has its line, and they add up to the system's figure (each printed to 0.1 ms).</summary>
    private static void AssertCpuPerProcess(string report)
    {
        var system = Number(report, @"CPU of the system\s+([\d.]+) ms per instance");
        var roles = report.Split('\n')
            .Select(line => CpuLine().Match(line))
            .Where(m => m.Success)
            .ToDictionary(m => m.Groups[1].Value.Trim(), m => double.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture));
        foreach (var role in SystemRoles)
            Assert.True(roles.ContainsKey(role), $"no CPU line for {role}:\n{report}");
        Assert.True(roles.ContainsKey(ProcessRoles.Bench), $"no CPU line for the bench:\n{report}");
        var sum = roles.Where(r => r.Key != ProcessRoles.Bench).Sum(r => r.Value);
        Assert.True(Math.Abs(sum - system) <= 0.05 * roles.Count + 0.01, $"per-process CPU {sum} does not add up to the system's {system}:\n{report}");
    }

    private static double Number(string report, string pattern) => Numbers(report, pattern)[0];

    private static double[] Numbers(string report, string pattern)
    {
        var match = Regex.Match(report, pattern);
        Assert.True(match.Success, $"no match for {pattern}:\n{report}");
        return [.. match.Groups.Values.Skip(1).Select(g => double.Parse(g.Value, CultureInfo.InvariantCulture))];
    }

    [GeneratedRegex(@"^      (\S.{0,28}?)\s+([\d.]+) ms per instance \(")]
    private static partial Regex CpuLine();
}
