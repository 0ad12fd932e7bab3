using System.Diagnostics;
using System.Security.Cryptography;
using Amazon.S3.Model;
using MedImaging.Aws.Studies;
using MedImaging.Aws.StudyQueue;
using MedImaging.Tests.AppHost.Emulators;
using MedImaging.Tests.ServiceHosting;

namespace MedImaging.Tests.Silo.Runtime;

/// <summary>
/// The receive linger of a real Silo, read from its receive log lines: a lone message on a quiet queue is taken by the
/// waiting long poll, with no linger; after a receive that brought fewer than the silo could take, the messages sent
/// meanwhile gather and come in one receive. The linger is long here (so that the test needs no tight timing).
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

        var lone = NewStudy();
        var sent = Stopwatch.StartNew();
        await queue.SendAsync(await StoreInstanceAsync(lone, lone + ".1"));
        await WaitForLineAsync(silo, "received 1 message(s) of 1 studies");
        // Bound only: a lingering consumer would have taken it no sooner than the linger.
        Assert.True(sent.Elapsed < Linger, $"the lone message was received after {sent.Elapsed}");

        // The consumer now lingers: three studies' messages sent one by one meanwhile (a consumer without the linger would
        // take the first alone, its long poll answering as soon as one is there) are received together.
        var studies = Enumerable.Range(0, 3).Select(_ => NewStudy()).ToList();
        var messages = new List<StudyMessage>();
        foreach (var study in studies) messages.Add(await StoreInstanceAsync(study, study + ".1"));
        foreach (var message in messages)
        {
            await queue.SendAsync(message);
            await Task.Delay(100);
        }
        await WaitForLineAsync(silo, "received 3 message(s) of 3 studies");

        Assert.Equal(2, silo.Output.Count(line => line.Contains(" message(s) of ", StringComparison.Ordinal) && !line.Contains("received 0 ", StringComparison.Ordinal)));
    }

    private static string NewStudy() => $"2.25.{Random.Shared.NextInt64(1, long.MaxValue)}";

    private static async Task WaitForLineAsync(ServiceProcess silo, string text)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (!silo.Output.Any(line => line.Contains(text, StringComparison.Ordinal)))
        {
            Assert.True(DateTime.UtcNow < deadline, $"no \"{text}\" in the silo's output:\n{string.Join('\n', silo.Output.TakeLast(30))}");
            await Task.Delay(20);
        }
    }

    private async Task<InstanceReceived> StoreInstanceAsync(string study, string instance)
    {
        var bytes = RandomNumberGenerator.GetBytes(1024);
        var key = $"incoming/{study}/{instance}";
        await Aws.S3.PutObjectAsync(new PutObjectRequest { BucketName = Resources.IngestBucket, Key = key, InputStream = new MemoryStream(bytes) });
        return new InstanceReceived(study, instance, Resources.IngestBucket, key, "application/dicom", bytes.Length,
            Convert.ToHexStringLower(SHA256.HashData(bytes)), DateTimeOffset.UtcNow);
    }
}
