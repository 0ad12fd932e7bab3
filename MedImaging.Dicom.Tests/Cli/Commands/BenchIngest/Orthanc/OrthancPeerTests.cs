using MedImaging.Cli.Benchmarking;
using MedImaging.Cli.Commands.BenchIngest;
using MedImaging.Cli.Commands.BenchIngest.Orthanc;
using MedImaging.Testing;

namespace MedImaging.Dicom.Tests.Cli.Commands.BenchIngest.Orthanc;

/// <summary>
/// The Orthanc peer of `bench ingest` runs Debian's Orthanc in its own loopback-only network namespace and stores
/// real corpus files in it (timings are printed by the command, never asserted here). Where Orthanc is missing or the
/// machine refuses namespaces (an unprivileged container), those tests are skipped with the reason, not failed.
/// </summary>
public class OrthancPeerTests
{
    [OrthancPeerFact]
    public void Stores_every_file_and_counts_them_in_Orthanc()
    {
        using var workspace = BenchWorkspace.Create("medimaging-orthanc-peer-test");
        var factory = new UniqueStudyFactory(TestCorpus.File("study_knee_s1_01.dcm"));
        workspace.WriteAll("files", factory.Take(3).Select(s => s.Bytes));
        var warmup = workspace.WriteAll("warmup", [factory.Next().Bytes])[0];

        var outcome = OrthancPeer.Run(Path.Combine(workspace.Path, "files"), warmup, concurrency: 2, workspace.Subdirectory("orthanc"));

        Assert.True(outcome.Result is not null, outcome.SkippedBecause);
        Assert.Equal(3, outcome.Result.Sent);
        Assert.Equal(3, outcome.Result.Stored);
        Assert.Equal(0, outcome.Result.Failures);
        Assert.Equal(3, outcome.Result.Latency.Count);
        Assert.Matches(@"^\d+\.\d+", outcome.Result.Version);
        Assert.True(Directory.Exists(Path.Combine(workspace.Path, "orthanc", "storage")), "Orthanc's storage lives in the given work directory");
    }

    [OrthancPeerFact(WithCpuBudget = true)]
    public void Under_a_cpu_budget_Orthanc_still_stores_every_file()
    {
        using var workspace = BenchWorkspace.Create("medimaging-orthanc-peer-test");
        var factory = new UniqueStudyFactory(TestCorpus.File("study_knee_s1_01.dcm"));
        workspace.WriteAll("files", factory.Take(3).Select(s => s.Bytes));

        var outcome = OrthancPeer.Run(Path.Combine(workspace.Path, "files"), warmupFile: null, concurrency: 2, workspace.Subdirectory("orthanc"), cpuBudgetCores: 0.5);

        Assert.True(outcome.Result is not null, outcome.SkippedBecause);
        Assert.Equal(3, outcome.Result.Stored);
    }

    [OrthancPeerFact]
    public void Same_instance_twice_is_stored_once()
    {
        using var workspace = BenchWorkspace.Create("medimaging-orthanc-peer-test");
        var file = File.ReadAllBytes(TestCorpus.File("ct_ele_14s.dcm"));
        workspace.WriteAll("files", [file, file]);

        var outcome = OrthancPeer.Run(Path.Combine(workspace.Path, "files"), warmupFile: null, concurrency: 1, workspace.Subdirectory("orthanc"));

        Assert.True(outcome.Result is not null, outcome.SkippedBecause);
        Assert.Equal(2, outcome.Result.Sent);
        Assert.Equal(1, outcome.Result.Stored);
    }

    [Fact]
    public void Missing_Orthanc_is_a_skip_with_its_reason()
    {
        using var workspace = BenchWorkspace.Create("medimaging-orthanc-peer-test");
        var outcome = OrthancPeer.Run(workspace.Subdirectory("files"), null, 1, workspace.Subdirectory("orthanc"), orthancBinary: "/nonexistent/Orthanc");

        Assert.Null(outcome.Result);
        Assert.Contains("/nonexistent/Orthanc not found", outcome.SkippedBecause);
    }

    [Fact]
    public void Namespaces_refused_by_unshare_are_a_reason_to_skip_and_a_missing_unshare_too()
    {
        Assert.StartsWith("namespaces are not available here (/bin/false exit 1", NamespaceSupport.WhyUnavailable("/bin/false"));
        Assert.Equal("/nonexistent/unshare not found (util-linux)", NamespaceSupport.WhyUnavailable("/nonexistent/unshare"));
    }
}
