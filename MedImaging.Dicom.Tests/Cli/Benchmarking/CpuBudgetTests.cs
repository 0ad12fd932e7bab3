using System.Diagnostics;
using MedImaging.Cli.Benchmarking;

namespace MedImaging.Dicom.Tests.Cli.Benchmarking;

/// <summary>A real cgroup with a real CPU quota around a real busy process: the kernel's own counters say it was held back.</summary>
public class CpuBudgetTests
{
    [CpuBudgetFact]
    public void A_busy_process_under_a_quarter_core_is_throttled_and_goes_back_where_it_was_when_the_budget_ends()
    {
        // The process burns a fixed amount of CPU once it is in the budget and says when it is done, then stays alive:
        // about 0.2 s of CPU cannot pass through a quarter core without throttled periods, and no polling is needed.
        using var busy = Process.Start(new ProcessStartInfo("/bin/sh", ["-c", ProcessCpuSnapshotTests.BusyThenIdle])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
        })!;
        try
        {
            var hierarchy = CgroupHierarchy.Find(busy.Id);
            var before = hierarchy.GroupOf(busy.Id);
            string group;
            using (var budget = CpuBudget.Create(0.25))
            {
                group = budget.GroupPath;
                budget.Add(busy.Id);

                Assert.Equal(group, hierarchy.GroupOf(busy.Id));
                Assert.Equal(hierarchy.IsV2 ? "25000 100000" : "25000", File.ReadAllText(Path.Combine(group, hierarchy.IsV2 ? "cpu.max" : "cpu.cfs_quota_us")).Trim());
                busy.StandardInput.WriteLine("go");
                busy.StandardInput.Flush();
                Assert.Equal("burned", busy.StandardOutput.ReadLine());
                Assert.True(budget.ThrottledPeriods > 0, "the kernel never held the busy loop back");
            }

            Assert.Equal(before, hierarchy.GroupOf(busy.Id));
            Assert.False(Directory.Exists(group), "the budget's group is removed");
        }
        finally
        {
            busy.Kill();
            busy.WaitForExit();
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(0.001)]
    [InlineData(-1)]
    [InlineData(double.NaN)]
    [InlineData(1000)]
    public void A_budget_outside_a_hundredth_of_a_core_to_every_core_is_refused(double cores)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => CpuBudget.Create(cores));
    }
}
