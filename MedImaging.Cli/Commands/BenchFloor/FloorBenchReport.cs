using System.Globalization;
using MedImaging.Cli.Benchmarking;
using MedImaging.Cli.Commands.BenchIngest.Orthanc;

namespace MedImaging.Cli.Commands.BenchFloor;

public sealed record FloorBenchReport(FloorBenchSettings Settings, FloorWorkload Workload, FloorResult Floor, OrthancPeerOutcome Peer)
{
    public int Failures => Peer.Result is { } p ? p.Failures + Math.Abs(p.Sent - p.Stored) : 0;

    public void Print(TextWriter output)
    {
        var inv = CultureInfo.InvariantCulture;
        output.WriteLine(string.Create(inv, $"bench floor: {Settings.Instances} one-instance studies (upload {Workload.Upload.Length} bytes, rendered {Workload.Rendered.Length}), concurrency {Settings.Concurrency}, {Environment.ProcessorCount} cores, load {MachineLoad.Describe()}"));
        output.WriteLine(string.Create(inv, $"  emulators only: the side effects the pipeline must have, fewest requests, no processing (after {Settings.WarmupInstances} warm-up studies; resources {Floor.Run}-*)"));
        output.WriteLine(string.Create(inv, $"    requests per instance          S3 1 PUT upload + 1 GET + 3 PUT (de-identified, rendered, report), SNS 1 Publish, SQS 3 per {FloorBenchSettings.BatchSize} (send, receive, delete batches), DynamoDB 1 BatchWriteItem per {FloorBenchSettings.BatchSize} (2 items each)"));
        output.WriteLine(string.Create(inv, $"    throughput                     {Floor.InstancesPerSecond,8:0.0} instances/s over {Floor.Elapsed.TotalSeconds:0.0} s"));
        if (Floor.Cpu is { } roles)
        {
            var system = roles.Where(r => r.Role != ProcessRoles.Bench).Sum(r => r.Seconds);
            output.WriteLine(string.Create(inv, $"    CPU of the emulators           {system * 1000 / Floor.Instances,8:0.0} ms per instance (the AppHost's idle Silo and Api included)"));
            foreach (var role in roles)
                output.WriteLine(string.Create(inv, $"      {role.Role,-29}{role.Seconds * 1000 / Floor.Instances,8:0.0} ms per instance ({role.Seconds:0.00} s{(role.Role == ProcessRoles.Bench ? ", the requests' client" : "")})"));
            if (system > 0)
                output.WriteLine(string.Create(inv, $"    bound                          {Environment.ProcessorCount * Floor.Instances / system,8:0.0} instances/s at most on {Environment.ProcessorCount} cores from the emulators' CPU alone, even with a free client and no processing"));
        }
        if (Peer.Result is { } peer)
        {
            output.WriteLine($"  Orthanc {peer.Version} (POST /instances, {peer.Sent} copies with unique UIDs, concurrency {Settings.Concurrency}, own network namespace; after one warm-up file)");
            output.WriteLine(string.Create(inv, $"    throughput                     {peer.InstancesPerSecond,8:0.0} instances/s over {peer.Seconds:0.0} s; stored {peer.Stored} of {peer.Sent}, refused {peer.Failures}"));
            output.WriteLine(string.Create(inv, $"    CPU of Orthanc                 {peer.CpuSeconds * 1000 / Math.Max(1, peer.Sent),8:0.0} ms per instance"));
            var ratio = Floor.InstancesPerSecond / peer.InstancesPerSecond;
            output.WriteLine(string.Create(inv, $"  emulators' floor / Orthanc instances/s: {ratio:0.00}x ({(ratio < 1 ? "no pipeline on these emulators can reach Orthanc's store rate on this machine" : "the emulators alone leave room for a pipeline to reach Orthanc's rate")})"));
        }
        else
        {
            output.WriteLine($"  Orthanc peer: skipped ({Peer.SkippedBecause})");
        }
    }
}
