using System.Diagnostics;
using MedImaging.Cli.Benchmarking;

namespace MedImaging.Dicom.Tests.Cli.Benchmarking;

public class ProcessTreeCpuTests
{
    [Fact]
    public void Counts_the_cpu_of_a_busy_grandchild_and_not_of_the_root()
    {
        // sh (the root) starts a busy loop and waits: only the loop burns CPU.
        using var root = Process.Start(new ProcessStartInfo("/bin/sh", ["-c", "sh -c 'while :; do :; done' & wait"]))!;
        try
        {
            var clock = Stopwatch.StartNew();
            double? seen = 0;
            while (seen < 0.05 && clock.Elapsed < TimeSpan.FromSeconds(30))
            {
                Thread.Sleep(50);
                seen = ProcessTreeCpu.DescendantsSeconds(root.Id);
            }
            Assert.True(seen >= 0.05, $"the busy grandchild's CPU was not counted ({seen} s)");
        }
        finally
        {
            root.Kill(entireProcessTree: true);
            root.WaitForExit();
        }
    }

    [Fact]
    public void A_process_without_children_has_none()
    {
        Assert.Equal(0, ProcessTreeCpu.DescendantsSeconds(1 << 30));
    }
}
