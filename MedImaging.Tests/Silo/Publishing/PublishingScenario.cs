using MedImaging.Tests.TestHosting;
using System.Diagnostics;
using MedImaging.Aws.Dynamo;
using Amazon.SQS;
using Amazon.SQS.Model;
using MedImaging.Studies;
using MedImaging.Tests.AppHost.Emulators;

namespace MedImaging.Tests.Silo.Publishing;

/// <summary>The steps the publishing tests share: complete a one-instance study, wait for its deliveries, listen to the topic.</summary>
public static class PublishingScenario
{
    /// <returns>The study key and the study as first seen completed.</returns>
    public static async Task<(string Study, StudySnapshot Completed)> CompleteOneInstanceStudyAsync(this SiloTestBed bed)
    {
        var study = $"2.25.{Random.Shared.NextInt64(1, long.MaxValue)}";
        await bed.SendAsync(await bed.StoreCorpusFileAsync(study, $"{study}.1", "study_knee_s1_01.dcm"));
        await bed.SendAsync(new FinalizeStudy(study, 1, "client-1"));
        return (study, await bed.WaitForStudyAsync(study, StudyStatus.Completed, TimeSpan.FromSeconds(60)));
    }

    public static async Task<StudySnapshot> WaitForDeliveriesAsync(this SiloTestBed bed, string study, Func<StudyRecord, bool> settled)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var snapshot = (await bed.Table.LoadAsync(study))!;
            if (settled(snapshot.Study)) return snapshot;
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(45),
                $"report {snapshot.Study.ReportDelivery}, notification {snapshot.Study.Notification}, webhook {snapshot.Study.Webhook}; " +
                $"silo output:\n{string.Join('\n', bed.Silos.SelectMany(s => s.Output.TakeLast(20)))}");
            await Task.Delay(200);
        }
    }

    /// <summary>A new queue subscribed to the study events topic: what a subscriber receives.</summary>
    public static async Task<string> SubscribeQueueAsync(this SiloTestBed bed)
    {
        var queue = await bed.Aws.Sqs.CreateQueueUrlAsync(AwsEmulatorFixture.UniqueName("events-listener"));
        var arn = (await bed.Aws.Sqs.AttributesAsync(queue))["QueueArn"];
        await bed.Aws.Sns.SubscribeAsync(bed.Resources.StudyEventsTopicArn, "sqs", arn);
        return queue;
    }
}
