using System.Diagnostics;
using System.Security.Cryptography;
using Amazon.S3.Model;
using MedImaging.Aws.Configuration;
using MedImaging.Aws.Dynamo;
using MedImaging.Aws.Sqs;
using MedImaging.Aws.Studies;
using MedImaging.Aws.StudyQueue;
using MedImaging.Dicom;
using MedImaging.Testing;
using MedImaging.Tests.AppHost.Emulators;
using MedImaging.Tests.ServiceHosting;

namespace MedImaging.Tests.Silo;

/// <summary>
/// Real Silo processes over the shared emulators, with their own freshly provisioned resources: uploads corpus files to
/// the ingest bucket, sends study messages, and reads back what the grains wrote to DynamoDB, S3 and the queues.
/// </summary>
public sealed class SiloTestBed(AwsEmulatorFixture emulators) : IAsyncDisposable
{
    private readonly List<ServiceProcess> _silos = [];

    public LocalAws Aws { get; } = new(emulators);

    public ResourceNames Resources { get; private set; } = null!;

    public Dictionary<string, string> Environment { get; private set; } = null!;

    public SqsStudyQueue Queue { get; private set; } = null!;

    public StudyTable Table { get; private set; } = null!;

    public IReadOnlyList<ServiceProcess> Silos => _silos;

    /// <param name="visibilityTimeoutSeconds">A shorter study-queue visibility timeout brings a killed silo's messages back sooner.</param>
    public async Task ProvisionAsync(IReadOnlyDictionary<string, string>? settings = null, int? visibilityTimeoutSeconds = null)
    {
        Resources = await Aws.ProvisionAsync();
        if (visibilityTimeoutSeconds is { } seconds)
        {
            var queue = await Aws.Sqs.CreateQueueAsync(new CreateQueueRequest($"{AwsEmulatorFixture.UniqueName("study")}.fifo") { Fifo = true, VisibilityTimeoutSeconds = seconds });
            Resources = Resources with { StudyQueueUrl = queue };
        }
        Environment = Aws.ServiceEnvironment(Resources);
        Environment["MedImaging__Pipeline__Retry__BaseDelay"] = "00:00:01";
        Environment["MedImaging__Pipeline__Retry__MaxDelay"] = "00:00:02";
        Environment["MedImaging__Pipeline__Retry__MaxAttempts"] = "4";
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
            Environment[key] = value;
        Queue = new SqsStudyQueue(Aws.Sqs, Resources);
        Table = Aws.StudyTable(Resources);
    }

    /// <param name="projectGc">Use the Silo's own garbage collector settings (see <see cref="ServiceProcess.StartAsync"/>).</param>
    public async Task<ServiceProcess> StartSiloAsync(bool projectGc = false)
    {
        var silo = await ServiceProcess.StartAsync("MedImaging.Silo", Environment, projectGc);
        _silos.Add(silo);
        return silo;
    }

    /// <summary>A corpus file with its own SOP Instance UID, so that every copy is a distinct instance with distinct outputs.</summary>
    public static byte[] CorpusVariant(string corpusFile, string sopInstanceUid)
    {
        var file = DicomFile.Open(TestCorpus.File(corpusFile));
        file.Dataset.AddOrUpdate(DicomTag.SOPInstanceUID, sopInstanceUid);
        file.FileMetaInfo.AddOrUpdate(DicomTag.MediaStorageSOPInstanceUID, sopInstanceUid);
        using var stream = new MemoryStream();
        file.Save(stream);
        return stream.ToArray();
    }

    public Task<InstanceReceived> StoreCorpusFileAsync(string study, string instance, string corpusFile) =>
        StoreAsync(study, instance, File.ReadAllBytes(TestCorpus.File(corpusFile)));

    /// <summary>Puts the bytes where the Api would and returns the message the Api would send.</summary>
    public async Task<InstanceReceived> StoreAsync(string study, string instance, byte[] bytes, string? objectKey = null)
    {
        var key = objectKey ?? $"incoming/{study}/{instance}";
        await Aws.S3.PutObjectAsync(new PutObjectRequest { BucketName = Resources.IngestBucket, Key = key, InputStream = new MemoryStream(bytes) });
        return Received(study, instance, bytes, key);
    }

    public InstanceReceived Received(string study, string instance, byte[] bytes, string? objectKey = null) =>
        new(study, instance, Resources.IngestBucket, objectKey ?? $"incoming/{study}/{instance}", "application/dicom", bytes.Length,
            Convert.ToHexStringLower(SHA256.HashData(bytes)), DateTimeOffset.UtcNow);

    /// <summary>Sends the message again as a new SQS message (what a redelivery or a resend after the 5-minute FIFO window looks like).</summary>
    public Task SendAgainAsync(StudyMessage message) =>
        Aws.Sqs.SendMessageAsync(new SendMessageRequest(Resources.StudyQueueUrl, StudyMessageJson.Serialize(message))
        {
            MessageGroupId = message.StudyKey,
            MessageDeduplicationId = Guid.NewGuid().ToString("N"),
        });

    public async Task<StudySnapshot> WaitForStudyAsync(string study, string status, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var snapshot = await Table.LoadAsync(study);
            if (snapshot?.Study.Status == status) return snapshot;
            Assert.True(clock.Elapsed < timeout,
                $"study is {snapshot?.Study.Status ?? "absent"} with {snapshot?.Instances.Count(i => i.Status is InstanceStatus.Done or InstanceStatus.Failed)}/{snapshot?.Instances.Count} instances finished after {timeout}; silo output:\n{string.Join('\n', _silos.SelectMany(s => s.Output.TakeLast(20)))}");
            await Task.Delay(200);
        }
    }

    /// <summary>Waits until the study queue holds no message, visible or in flight.</summary>
    public async Task WaitForIdleQueueAsync(TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var attributes = await Aws.Sqs.GetQueueAttributesAsync(Resources.StudyQueueUrl);
            if (attributes[SqsQueueAttributes.ApproximateNumberOfMessages] == "0" && attributes[SqsQueueAttributes.ApproximateNumberOfMessagesNotVisible] == "0")
                return;
            Assert.True(clock.Elapsed < timeout, "the study queue did not drain");
            await Task.Delay(200);
        }
    }

    /// <summary>Every object of a bucket with its ETag and modification time.</summary>
    public async Task<Dictionary<string, (string ETag, DateTime? LastModified)>> ListAsync(string bucket)
    {
        var objects = new Dictionary<string, (string, DateTime?)>(StringComparer.Ordinal);
        var request = new ListObjectsV2Request { BucketName = bucket };
        ListObjectsV2Response response;
        do
        {
            response = await Aws.S3.ListObjectsV2Async(request);
            foreach (var item in response.S3Objects ?? []) objects[item.Key] = (item.ETag, item.LastModified);
            request.ContinuationToken = response.NextContinuationToken;
        }
        while (response.IsTruncated == true);
        return objects;
    }

    public async Task<byte[]> ReadAsync(string bucket, string key)
    {
        using var response = await Aws.S3.GetObjectAsync(bucket, key);
        using var copy = new MemoryStream();
        await response.ResponseStream.CopyToAsync(copy);
        return copy.ToArray();
    }

    public async Task<IReadOnlyList<SqsMessage>> DrainAsync(string queueUrl, int expected, TimeSpan timeout)
    {
        var messages = new List<SqsMessage>();
        var clock = Stopwatch.StartNew();
        while (messages.Count < expected && clock.Elapsed < timeout)
        {
            var batch = await Aws.Sqs.ReceiveMessagesAsync(new ReceiveMessageRequest(queueUrl) { MaxNumberOfMessages = 10, WaitTimeSeconds = 1 });
            foreach (var message in batch)
            {
                messages.Add(message);
                await Aws.Sqs.DeleteMessageAsync(queueUrl, message.ReceiptHandle);
            }
        }
        return messages;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var silo in _silos) await silo.DisposeAsync();
        Aws.Dispose();
    }
}
