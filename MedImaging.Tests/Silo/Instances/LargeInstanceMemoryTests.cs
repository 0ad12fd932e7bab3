using System.Diagnostics;
using System.Security.Cryptography;
using Amazon.S3.Model;
using MedImaging.Studies;
using MedImaging.Testing;
using MedImaging.Tests.AppHost.Emulators;
using MedImaging.Tests.TestHosting;
using Xunit.Abstractions;

namespace MedImaging.Tests.Silo.Instances;

/// <summary>
/// One ~1.5 GB uncompressed multi-frame instance through a real Silo (with the garbage collector it ships with) on the
/// emulators: the Silo's peak RSS (VmHWM) stays under 512 MiB and, idle afterwards, it gives memory back. Reports both.
/// </summary>
[Collection(AwsEmulatorCollection.Name)]
public sealed class LargeInstanceMemoryTests(AwsEmulatorFixture emulators, ITestOutputHelper output) : IAsyncLifetime
{
    private const int Frames = 3000; // 512 x 512 x 16 bit: 1,572,864,000 bytes of pixel data
    private const long PeakLimitBytes = 512L << 20;
    private const int UploadPartBytes = 8 << 20;

    private readonly SiloTestBed _bed = new(emulators);
    private readonly string _directory = Directory.CreateTempSubdirectory("large-instance-").FullName;

    public Task InitializeAsync() => _bed.ProvisionAsync();

    public async Task DisposeAsync()
    {
        await _bed.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    [LargeTestFact]
    public async Task A_1_5_GB_multi_frame_instance_is_processed_in_bounded_silo_memory_which_is_returned_when_idle()
    {
        var study = $"2.25.{Random.Shared.NextInt64(1, long.MaxValue)}";
        var instance = $"{study}.1";
        var path = Path.Combine(_directory, "large.dcm");
        await using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 20))
            ManyFrameDicom.Write(file, study, instance, Frames);
        var size = new FileInfo(path).Length;
        string sha256;
        await using (var file = File.OpenRead(path))
            sha256 = Convert.ToHexStringLower(await SHA256.HashDataAsync(file));
        var key = $"incoming/{study}/{instance}";
        await UploadAsync(path, size, key);

        var silo = await _bed.StartSiloAsync(projectGc: true);
        var started = Status(silo.ProcessId);
        var clock = Stopwatch.StartNew();
        await _bed.SendAsync(new InstanceReceived(study, instance, _bed.Resources.IngestBucket, key, "application/dicom", size, sha256, DateTimeOffset.UtcNow));
        await _bed.SendAsync(new FinalizeStudy(study, 1, "large-instance"));
        var completed = await _bed.WaitForStudyAsync(study, StudyStatus.Completed, TimeSpan.FromMinutes(15));
        var processing = clock.Elapsed;
        var done = Status(silo.ProcessId);

        var idle = new List<(int Seconds, long Rss)>();
        foreach (var seconds in new[] { 5, 30, 60 })
        {
            await Task.Delay(TimeSpan.FromSeconds(seconds) - (clock.Elapsed - processing));
            idle.Add((seconds, Status(silo.ProcessId).Rss));
        }

        output.WriteLine($"instance: {size:N0} bytes, {Frames} frames; processed in {processing.TotalSeconds:F1} s");
        output.WriteLine($"silo RSS at start {Mib(started.Rss)}, peak (VmHWM) {Mib(done.Hwm)}, at completion {Mib(done.Rss)}");
        output.WriteLine($"silo RSS idle after completion: {string.Join(", ", idle.Select(i => $"{i.Seconds} s {Mib(i.Rss)}"))}");

        var result = Assert.Single(completed.Instances);
        Assert.Equal(InstanceStatus.Done, result.Status);
        var objects = await _bed.ListAsync(_bed.Resources.CtScanBucket);
        var dicomKey = Assert.Single(objects.Keys, k => k.EndsWith(".dcm", StringComparison.Ordinal));
        var written = await _bed.Aws.S3.GetObjectMetadataAsync(_bed.Resources.CtScanBucket, dicomKey);
        Assert.InRange(written.ContentLength, size - 4096, size + 4096);
        Assert.Contains(objects.Keys, k => k.EndsWith(".jpg", StringComparison.Ordinal));
        Assert.DoesNotContain((await _bed.ListAsync(_bed.Resources.ProcessedBucket)).Keys, k => k.EndsWith(".dcm", StringComparison.Ordinal));
        Assert.True(done.Hwm < PeakLimitBytes, $"peak RSS {Mib(done.Hwm)} for a {Mib(size)} instance");
    }

    private async Task UploadAsync(string path, long size, string key)
    {
        var bucket = _bed.Resources.IngestBucket;
        var upload = await _bed.Aws.S3.InitiateMultipartUploadAsync(new InitiateMultipartUploadRequest { BucketName = bucket, Key = key, ContentType = "application/dicom" });
        var parts = new List<PartETag>();
        for (long offset = 0; offset < size; offset += UploadPartBytes)
        {
            var part = await _bed.Aws.S3.UploadPartAsync(new UploadPartRequest
            {
                BucketName = bucket, Key = key, UploadId = upload.UploadId, PartNumber = parts.Count + 1,
                FilePath = path, FilePosition = offset, PartSize = Math.Min(UploadPartBytes, size - offset), UseChunkEncoding = false,
            });
            parts.Add(new PartETag(parts.Count + 1, part.ETag));
        }
        await _bed.Aws.S3.CompleteMultipartUploadAsync(new CompleteMultipartUploadRequest { BucketName = bucket, Key = key, UploadId = upload.UploadId, PartETags = parts });
    }

    /// <summary>VmRSS and VmHWM of a process, in bytes.</summary>
    private static (long Rss, long Hwm) Status(int pid)
    {
        long Field(string[] lines, string name) =>
            long.Parse(lines.Single(l => l.StartsWith(name + ":", StringComparison.Ordinal))[(name.Length + 1)..].Trim().Split(' ')[0]) * 1024;
        var lines = File.ReadAllLines($"/proc/{pid}/status");
        return (Field(lines, "VmRSS"), Field(lines, "VmHWM"));
    }

    private static string Mib(long bytes) => $"{bytes / (1024.0 * 1024):F0} MiB";
}
