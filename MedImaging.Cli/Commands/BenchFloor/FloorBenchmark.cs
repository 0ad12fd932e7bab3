using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using MedImaging.Cli.Benchmarking;

namespace MedImaging.Cli.Commands.BenchFloor;

/// <summary>
/// Drives the emulators through only the side effects the pipeline must have for each one-instance study, batched as far
/// as the AWS APIs allow and with no processing between them: store the upload (S3 PUT), announce it (SQS, batched),
/// take and delete the message (SQS, batched), read the upload (S3 GET), write the de-identified file, the rendered image
/// and the report to their destination (3 S3 PUTs, no copies), save the state (study and instance items, unconditional
/// DynamoDB BatchWriteItem) and notify (SNS Publish). What the emulators can do this way bounds what any pipeline on
/// them can do.
/// </summary>
public sealed class FloorBenchmark(EmulatorRequests emulators, FloorBenchSettings settings, FloorWorkload workload, Func<ProcessCpuSnapshot?> cpu)
{
    private readonly string run = "floor-" + Guid.NewGuid().ToString("N")[..12];
    private string topicArn = "";

    public async Task<FloorResult> RunAsync()
    {
        var queues = await SetUpAsync();
        await CarryAsync(queues, settings.WarmupInstances);
        var before = cpu();
        var clock = Stopwatch.StartNew();
        await CarryAsync(queues, settings.Instances);
        clock.Stop();
        var after = cpu();
        var roles = before is not null && after is not null ? after.Since(before) : null;
        return new FloorResult(run, settings.Instances, clock.Elapsed, roles);
    }

    private string IngestBucket => run + "-ingest";

    private string DestinationBucket => run + "-general";

    private string Table => run;

    private string TopicName => run;

    private async Task<IReadOnlyList<string>> SetUpAsync()
    {
        await emulators.CreateBucketAsync(IngestBucket);
        await emulators.CreateBucketAsync(DestinationBucket);
        await emulators.CreateTableAsync(Table);
        topicArn = await emulators.CreateTopicAsync(TopicName);
        // One queue per worker: a receive never comes back short because another worker took the messages.
        return await Task.WhenAll(Enumerable.Range(0, settings.Concurrency)
            .Select(worker => emulators.CreateFifoQueueAsync($"{run}-{worker.ToString(CultureInfo.InvariantCulture)}.fifo")));
    }

    private async Task CarryAsync(IReadOnlyList<string> queues, int instances)
    {
        var next = 0;
        await Task.WhenAll(queues.Select(async queue =>
        {
            while (true)
            {
                var first = Interlocked.Add(ref next, FloorBenchSettings.BatchSize) - FloorBenchSettings.BatchSize;
                if (first >= instances) return;
                var count = Math.Min(FloorBenchSettings.BatchSize, instances - first);
                await CarryBatchAsync(queue, [.. Enumerable.Range(0, count).Select(_ => Guid.NewGuid().ToString("N"))]);
            }
        }));
    }

    private async Task CarryBatchAsync(string queue, IReadOnlyList<string> studies)
    {
        foreach (var study in studies)
            await emulators.PutObjectAsync(IngestBucket, $"{study}/instance.dcm", workload.Upload, "application/dicom");
        await emulators.SendMessageBatchAsync(queue, [.. studies.Select(study => (study, $"{{\"studyKey\":\"{study}\",\"key\":\"{study}/instance.dcm\"}}"))]);

        var receipts = new List<string>();
        for (var attempt = 0; receipts.Count < studies.Count; attempt++)
        {
            if (attempt == 100) throw new HttpRequestException($"only {receipts.Count} of {studies.Count} messages came back from {queue}");
            receipts.AddRange(await emulators.ReceiveMessagesAsync(queue, FloorBenchSettings.BatchSize));
        }
        await emulators.DeleteMessageBatchAsync(queue, receipts);

        var items = new List<JsonObject>(2 * studies.Count);
        foreach (var study in studies)
        {
            await emulators.GetObjectAsync(IngestBucket, $"{study}/instance.dcm");
            await emulators.PutObjectAsync(DestinationBucket, $"{study}/series/instance.dcm", workload.Upload, "application/dicom");
            await emulators.PutObjectAsync(DestinationBucket, $"{study}/series/instance.jpg", workload.Rendered, "image/jpeg");
            await emulators.PutObjectAsync(DestinationBucket, $"{study}/report.json", workload.Report, "application/json");
            await emulators.PublishAsync(topicArn, workload.Notification);
            items.Add(Item($"STUDY#{study}", "STUDY", workload.StudyItemPadding, indexed: true));
            items.Add(Item($"STUDY#{study}", "INSTANCE#1", workload.InstanceItemPadding, indexed: false));
        }
        await emulators.BatchWriteAsync(Table, items);
    }

    private static JsonObject Item(string partition, string sort, string padding, bool indexed)
    {
        var item = new JsonObject
        {
            ["PK"] = new JsonObject { ["S"] = partition },
            ["SK"] = new JsonObject { ["S"] = sort },
            ["data"] = new JsonObject { ["S"] = padding },
        };
        if (indexed)
        {
            item["GSI1PK"] = new JsonObject { ["S"] = "STATUS#completed" };
            item["GSI1SK"] = new JsonObject { ["S"] = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture) + "#" + partition };
        }
        return item;
    }
}

/// <param name="Run">The prefix of every resource the run created (buckets <c>{Run}-ingest</c> and <c>{Run}-general</c>, table <c>{Run}</c>, ...).</param>
/// <param name="Cpu">CPU per process role over the measured window (the bench as its own role), when measured.</param>
public sealed record FloorResult(string Run, int Instances, TimeSpan Elapsed, IReadOnlyList<RoleCpu>? Cpu)
{
    public double InstancesPerSecond => Instances / Elapsed.TotalSeconds;
}
