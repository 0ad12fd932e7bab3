using MedImaging.Tests.TestHosting;
using System.Diagnostics;
using System.Security.Cryptography;
using Amazon.S3.Model;
using MedImaging.Aws.Configuration;
using MedImaging.Aws.Dynamo;
using Amazon.SQS;
using Amazon.SQS.Model;
using MedImaging.Studies;
using MedImaging.Dicom;
using MedImaging.Testing;
using MedImaging.Tests.AppHost.Emulators;
using MedImaging.Tests.ServiceHosting;

namespace MedImaging.Tests.Silo;

/// <summary>
/// Real Silo processes (an Orleans cluster of their own) over the shared emulators, with their own freshly provisioned
/// resources: uploads corpus files to the ingest bucket, calls the study grains as the Api does, and reads back what
/// the grains wrote to DynamoDB, S3 and the queues.
/// </summary>
public sealed class SiloTestBed(AwsEmulatorFixture emulators) : IAsyncDisposable
{
    private readonly List<ServiceProcess> _silos = [];

    public LocalAws Aws { get; } = new(emulators);

    public ResourceNames Resources { get; private set; } = null!;

    public Dictionary<string, string> Environment { get; private set; } = null!;

    private StudyGrainClient? _client;

    public StudyTable Table { get; private set; } = null!;

    public IReadOnlyList<ServiceProcess> Silos => _silos;

    public async Task ProvisionAsync(IReadOnlyDictionary<string, string>? settings = null)
    {
        Resources = await Aws.ProvisionAsync();
        Environment = Aws.ServiceEnvironment(Resources);
        Environment["MedImaging__Pipeline__Retry__BaseDelay"] = "00:00:01";
        Environment["MedImaging__Pipeline__Retry__MaxDelay"] = "00:00:02";
        Environment["MedImaging__Pipeline__Retry__MaxAttempts"] = "4";
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
            Environment[key] = value;
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

    /// <summary>Puts an object straight into the ingest bucket and sends the queue the event S3 would.</summary>
    public async Task DropAsync(string key, byte[] bytes)
    {
        await Aws.S3.PutObjectAsync(new PutObjectRequest { BucketName = Resources.IngestBucket, Key = key, InputStream = new MemoryStream(bytes) });
        await Aws.Sqs.SendMessageAsync(Resources.IngestQueueUrl, S3Events.ObjectCreated(Resources.IngestBucket, key, bytes.Length));
    }

    /// <summary>Calls the message's study grain as the Api does (connecting to the cluster at the first call).</summary>
    public async Task SendAsync(StudyMessage message) => await (await GrainsAsync()).SendAsync(message);

    public async Task<StudyGrainClient> GrainsAsync() => _client ??= await StudyGrainClient.ConnectAsync(Environment);

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

    public async Task<IReadOnlyList<Message>> DrainAsync(string queueUrl, int expected, TimeSpan timeout)
    {
        var messages = new List<Message>();
        var clock = Stopwatch.StartNew();
        while (messages.Count < expected && clock.Elapsed < timeout)
        {
            var batch = await Aws.Sqs.ReceiveAsync(queueUrl);
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
        if (_client is not null) await _client.DisposeAsync();
        foreach (var silo in _silos) await silo.DisposeAsync();
        Aws.Dispose();
    }
}
