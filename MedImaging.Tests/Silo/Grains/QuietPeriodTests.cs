using MedImaging.Tests.Silo;
using MedImaging.Aws.Configuration;
using MedImaging.Studies;
using MedImaging.Tests.AppHost.Emulators;
using MedImaging.Tests.ServiceHosting;

namespace MedImaging.Tests.Silo.Grains;

/// <summary>
/// A real Silo with a 2 s quiet period (a grain timer, as it is shorter than the timer limit; the reminder would do the
/// same after a silo died): a study nobody finalizes, and one whose expected instance count is never reached, both
/// complete once nothing has changed for the quiet period, and not before.
/// </summary>
[Collection(AwsEmulatorCollection.Name)]
public sealed class QuietPeriodTests(AwsEmulatorFixture emulators) : ProvisionedAwsTest(emulators)
{
    private static readonly TimeSpan QuietPeriod = TimeSpan.FromSeconds(2);
    private ServiceProcess _silo = null!;
    private StudyGrainClient _grains = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var environment = Aws.ServiceEnvironment(Resources);
        environment["MedImaging__Studies__QuietPeriod"] = QuietPeriod.ToString();
        _silo = await ServiceProcess.StartAsync("MedImaging.Silo", environment);
        _grains = await StudyGrainClient.ConnectAsync(environment);
    }

    public override async Task DisposeAsync()
    {
        await _grains.DisposeAsync();
        await _silo.DisposeAsync();
        await base.DisposeAsync();
    }

    [Fact]
    public async Task Studies_without_a_finalize_or_missing_instances_complete_after_the_quiet_period()
    {
        var queue = _grains;
        var table = StudyTable;
        const string unfinalized = "2.25.7001", incomplete = "2.25.7002";
        await queue.SendAsync(await StoreInstanceAsync(unfinalized, "2.25.7001.1", SiloTestBed.CorpusVariant("sc_rgb_rle.dcm", "2.25.7001.1")));
        await queue.SendAsync(await StoreInstanceAsync(incomplete, "2.25.7002.1", SiloTestBed.CorpusVariant("sc_rgb_rle.dcm", "2.25.7002.1")));
        await queue.SendAsync(new FinalizeStudy(incomplete, ExpectedInstances: 3, "client-1"));

        foreach (var study in new[] { unfinalized, incomplete })
        {
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
            while ((await table.LoadAsync(study))?.Study is not { Status: StudyStatus.Completed })
            {
                Assert.True(DateTime.UtcNow < deadline, "the quiet period never completed the study");
                await Task.Delay(100);
            }
            var completed = (await table.LoadAsync(study))!;
            // The last change before the quiet-period timer acted (completion, publishing and delivery events follow it).
            var lastChange = completed.Study.Timeline!.TakeWhile(e => e.Event != "quiet-period-elapsed").Last().At;
            var instance = Assert.Single(completed.Instances);
            Assert.Equal(InstanceStatus.Done, instance.Status);
            Assert.Contains(completed.Study.Timeline!, e => e.Event == "quiet-period-elapsed");
            Assert.True(completed.Study.CompletedAt - Max(lastChange, instance.UpdatedAt) >= QuietPeriod, "completed before the quiet period elapsed");
        }
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
}
