using System.Diagnostics;
using MedImaging.Aws.Studies;
using MedImaging.Aws.StudyQueue;
using MedImaging.Tests.AppHost.Emulators;
using MedImaging.Tests.ServiceHosting;

namespace MedImaging.Tests.Silo.Runtime;

/// <summary>
/// The receive linger of a real Silo, read from its receive log lines: a lone message on a quiet queue is taken by the
/// waiting long poll, with no linger; after a receive that brought fewer than the silo could take while several studies
/// are in hand, the messages sent meanwhile gather and come in one receive. The linger is long here (so that the test
/// needs no tight timing).
/// </summary>
[Collection(AwsEmulatorCollection.Name)]
public sealed class StudyQueueConsumerLingerTests(AwsEmulatorFixture emulators) : ProvisionedAwsTest(emulators)
{
    private static readonly TimeSpan Linger = TimeSpan.FromSeconds(8);

    [Fact]
    public async Task A_lone_message_is_taken_at_once_and_those_sent_during_the_linger_come_in_one_receive()
    {
        var environment = Aws.ServiceEnvironment(Resources);
        environment["Logging__LogLevel__MedImaging.Silo.Runtime"] = "Debug";
        environment["MedImaging__GrainRuntime__ReceiveLinger"] = Linger.ToString();
        await using var silo = await ServiceProcess.StartAsync("MedImaging.Silo", environment);
        var queue = new SqsStudyQueue(Aws.Sqs, Resources);

        // One upload at a time: each message is taken by the waiting long poll. Bound only: a lingering consumer would
        // have taken the second most of the linger after the first.
        for (var i = 1; i <= 2; i++)
        {
            var lone = NewStudy();
            var message = await StoreInstanceAsync(lone, lone + ".1");
            var sent = Stopwatch.StartNew();
            await queue.SendAsync(message);
            await WaitForLineAsync(silo, "received 1 message(s) of 1 studies", count: i);
            Assert.True(sent.Elapsed < Linger / 2, $"lone message {i} was received after {sent.Elapsed}");
        }

        // Two studies in hand make the silo busy: after their receive it lingers, and three studies' messages sent one by one
        // meanwhile (a consumer without the linger would take the first alone, its long poll answering as soon as one is
        // there) are received together.
        var pair = Enumerable.Range(0, 2).Select(_ => NewStudy()).ToList();
        await queue.SendAsync([await StoreInstanceAsync(pair[0], pair[0] + ".1"), await StoreInstanceAsync(pair[1], pair[1] + ".1")]);
        await WaitForLineAsync(silo, "received 2 message(s) of 2 studies");
        var studies = Enumerable.Range(0, 3).Select(_ => NewStudy()).ToList();
        var messages = new List<StudyMessage>();
        foreach (var study in studies) messages.Add(await StoreInstanceAsync(study, study + ".1"));
        foreach (var message in messages)
        {
            await queue.SendAsync(message);
            await Task.Delay(100);
        }
        await WaitForLineAsync(silo, "received 3 message(s) of 3 studies");

        Assert.Equal(4, silo.Output.Count(line => line.Contains(" message(s) of ", StringComparison.Ordinal) && !line.Contains("received 0 ", StringComparison.Ordinal)));
    }

    private static string NewStudy() => $"2.25.{Random.Shared.NextInt64(1, long.MaxValue)}";

    private static async Task WaitForLineAsync(ServiceProcess silo, string text, int count = 1)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (silo.Output.Count(line => line.Contains(text, StringComparison.Ordinal)) < count)
        {
            Assert.True(DateTime.UtcNow < deadline, $"no \"{text}\" in the silo's output:\n{string.Join('\n', silo.Output.TakeLast(30))}");
            await Task.Delay(20);
        }
    }
}
