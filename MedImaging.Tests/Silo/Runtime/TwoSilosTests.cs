using MedImaging.Tests.TestHosting;
using System.Security.Cryptography;
using MedImaging.Tests.Silo;
using System.Text.RegularExpressions;
using Amazon.S3.Model;
using MedImaging.Aws.Configuration;
using Amazon.SQS;
using Amazon.SQS.Model;
using MedImaging.Studies;
using MedImaging.Tests.AppHost.Emulators;
using MedImaging.Tests.ServiceHosting;

namespace MedImaging.Tests.Silo.Runtime;

/// <summary>
/// Two real silos, one cluster: studies' instances are handed to their grains as the Api does, and every study
/// completes with every instance done once; the instances' runs spread over both silos (worker grains are placed on
/// the silo with fewer activations), no save of a study is ever refused as concurrent, and nothing is dead-lettered.
/// </summary>
[Collection(AwsEmulatorCollection.Name)]
public sealed class TwoSilosTests(AwsEmulatorFixture emulators) : IAsyncLifetime
{
    private const int Studies = 16;
    private const int InstancesPerStudy = 4;
    private readonly SiloTestBed _bed = new(emulators);

    public async Task InitializeAsync()
    {
        await _bed.ProvisionAsync(new Dictionary<string, string> { ["Logging__LogLevel__MedImaging.Silo.Workers"] = "Debug" });
        await Task.WhenAll(_bed.StartSiloAsync(), _bed.StartSiloAsync());
    }

    public async Task DisposeAsync() => await _bed.DisposeAsync();

    [Fact]
    public async Task Every_study_completes_once_with_its_instances_run_on_both_silos()
    {
        var studyKeys = Enumerable.Range(1, Studies).Select(i => $"2.25.{Random.Shared.NextInt64(1, long.MaxValue)}.{i}").ToList();
        var sends = new List<Task>();
        for (var instance = 1; instance <= InstancesPerStudy; instance++)
        {
            foreach (var study in studyKeys)
            {
                var received = await _bed.StoreAsync(study, $"{study}.{instance}", SiloTestBed.CorpusVariant("pt_jpll70_16s.dcm", $"{study}.{instance}"));
                sends.Add(_bed.SendAsync(received));
            }
        }
        await Task.WhenAll(sends);
        await Task.WhenAll(studyKeys.Select(study => _bed.SendAsync(new FinalizeStudy(study, InstancesPerStudy, StudyKeys.NewUploadId()))));

        foreach (var study in studyKeys)
        {
            var completed = await _bed.WaitForStudyAsync(study, StudyStatus.Completed, TimeSpan.FromSeconds(90));
            Assert.Equal(InstancesPerStudy, completed.Instances.Count);
            Assert.All(completed.Instances, i => Assert.Equal(InstanceStatus.Done, i.Status));
            // Each step ran once per instance: no instance was run twice.
            Assert.All(completed.Instances, i => Assert.Equal(i.Steps!.Count, i.Steps!.Select(step => step.Step).Distinct().Count()));
        }
        var runs = _bed.Silos.Select(s => s.Output.Count(l => l.Contains("an instance ran on this silo", StringComparison.Ordinal))).ToList();
        Assert.Equal(Studies * InstancesPerStudy, runs.Sum());
        Assert.All(runs, count => Assert.True(count > 0, $"runs per silo: {string.Join(", ", runs)}"));
        Assert.DoesNotContain(_bed.Silos.SelectMany(s => s.Output), line => line.Contains("StudyConcurrencyException", StringComparison.Ordinal));
        Assert.Empty(await _bed.DrainAsync(_bed.Resources.StudyDeadLetterQueueUrl, 1, TimeSpan.FromSeconds(1)));
    }
}
