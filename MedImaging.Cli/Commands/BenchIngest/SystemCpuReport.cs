using System.Globalization;
using MedImaging.Cli.Benchmarking;
using MedImaging.Cli.Commands.BenchIngest.Orthanc;

namespace MedImaging.Cli.Commands.BenchIngest;

/// <summary>Where the CPU of the measured window went, per process of the system, in ms per completed instance, beside Orthanc's.</summary>
public static class SystemCpuReport
{
    public static void Print(TextWriter output, ThroughputResult throughput, int? systemPid, OrthancStoreResult? peer)
    {
        if (throughput is not { Cpu: { } roles, SystemCpuSeconds: { } total, CpuSecondsPerInstance: { } perInstance }) return;
        var instances = throughput.Timings.Count;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"    CPU of the system              {perInstance * 1000,8:0.0} ms per instance ({total:0.0} s used by pid {systemPid} and its descendants, emulators, background JIT and status requests included)"));
        foreach (var role in roles.Where(r => r.Role != ProcessRoles.Bench))
            output.WriteLine(Line(role.Role, role.Seconds, instances, $"{role.Processes} process{(role.Processes == 1 ? "" : "es")}"));
        if (roles.FirstOrDefault(r => r.Role == ProcessRoles.Bench) is { } bench)
            output.WriteLine(Line(bench.Role, bench.Seconds, instances, "not in the system's figure"));
        if (peer is { Sent: > 0 })
            output.WriteLine(Line("Orthanc (same files, its run)", peer.CpuSeconds, peer.Sent, "the whole server process"));
    }

    private static string Line(string role, double seconds, int instances, string note) =>
        string.Create(CultureInfo.InvariantCulture, $"      {role,-29}{seconds * 1000 / instances,8:0.0} ms per instance ({seconds:0.00} s, {note})");
}
