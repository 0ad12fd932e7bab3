using System.Security.Cryptography;
using System.Text;
using MedImaging.Dicom;
using MedImaging.Dicom.Deidentification;
using MedImaging.Dicom.Deidentification.Policy;
using MedImaging.Pipeline.Adapters;
using MedImaging.Pipeline.Analysis;
using MedImaging.Pipeline.Execution;
using MedImaging.Pipeline.Execution.Ports;
using MedImaging.Pipeline.Retries;
using MedImaging.Pipeline.Routing;
using MedImaging.Pipeline.Storage;
using MedImaging.Pipeline.Tests.Support;
using MedImaging.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace MedImaging.Pipeline.Tests.Execution;

/// <summary>
/// A many-frame instance (64 MiB) goes through the pipeline without being held: the upload is read as a stream, the
/// de-identified file reaches the store through a bounded buffer, and rendering reads only the frame it renders.
/// </summary>
public sealed class InstancePipelineStreamingTests : IDisposable
{
    private const int Frames = 128;
    private static readonly long PixelBytes = ManyFrameDicom.FrameBytes(512) * Frames;

    private readonly Deidentifier _deidentifier = new(DeidentificationPolicy.Basic, Encoding.UTF8.GetBytes("test-deid-secret"));
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"many-frames-{Guid.NewGuid():N}.dcm");

    public InstancePipelineStreamingTests()
    {
        using var file = File.Create(_path);
        ManyFrameDicom.Write(file, "1.2.826.0.1.3680043.10.543.77", "1.2.826.0.1.3680043.10.543.77.1", Frames);
    }

    public void Dispose() => File.Delete(_path);

    [Fact]
    public async Task A_many_frame_instance_is_read_as_a_stream_and_its_deidentified_file_written_through_a_bounded_buffer()
    {
        var store = new StreamObservingStore();
        using var telemetry = new MedImaging.Pipeline.Telemetry.PipelineTelemetry();
        var pipeline = new InstancePipeline(
            new InstancePipelinePorts(store, new CompositeInstanceReader(new DicomInstanceReader()), new DicomDeidentifyStep(_deidentifier),
                new DicomImageRenderer(maxSize: 256), new HeaderImageAnalyzer()),
            new Router(new RoutingOptions()), new RetryPolicy(new RetryOptions()), PipelineHarness.Buckets, new Pseudonymizer("test-secret"),
            telemetry, TimeProvider.System, NullLogger<InstancePipeline>.Instance);
        var source = new ObjectLocation("ingest", "incoming/study/instance");
        await store.Inner.PutAsync(source, await File.ReadAllBytesAsync(_path), "application/dicom", default);

        var (progress, _) = await pipeline.RunUntilWaitAsync(InstanceProgress.Start(new InstanceWorkItem("study", "instance", source)), default);

        Assert.Equal(InstanceStatus.Completed, progress.Status);
        Assert.Equal(Destination.CtScan, progress.Routing!.Destination);
        Assert.Equal(0, store.WholeReadsOf(source));
        var dicom = progress.RoutedOutputs.Single(o => o.Key.EndsWith(".dcm", StringComparison.Ordinal));
        var written = store.Streamed[dicom];
        Assert.True(written.LargestRead <= StreamedPut.PauseBytes + 1024 * 1024,
            $"the store could read {written.LargestRead} bytes at once: the writer ran ahead of it");
        Assert.InRange(written.Length, PixelBytes, PixelBytes + 4096);
        var expected = (await new DicomDeidentifyStep(_deidentifier).DeidentifyAsync(await File.ReadAllBytesAsync(_path), default)).ToArray();
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(expected)), written.Sha256);
    }

    [Fact]
    public async Task De_identifying_and_rendering_a_many_frame_file_reads_no_pixel_data_but_the_rendered_frame()
    {
        using var parses = new RunParses();
        var renderer = new DicomImageRenderer(maxSize: 256);

        var before = GC.GetAllocatedBytesForCurrentThread();
        var clean = await new DicomDeidentifyStep(_deidentifier).DeidentifyFileAsync(_path, parses, default);
        var image = await renderer.RenderAsync(clean, parses, default);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.NotNull(image);
        // One 512 x 512 frame is 512 KiB; all of them are 64 MiB.
        Assert.True(allocated < 8 * 1024 * 1024, $"allocated {allocated >> 10} KiB to de-identify and render a {PixelBytes >> 20} MiB file");
        var file = parses.Find<DicomFile>(clean.WriteTo, DicomDeidentifyStep.WrittenFileParse)!;
        var pixels = (FileBulkData)((DicomElement)file.Dataset.GetDicomItem(DicomTag.PixelData)!).BulkData!;
        Assert.False(pixels.IsLoaded, "the pixel data was loaded whole");
        Assert.Equal(_path, pixels.Path);
    }

    [Fact]
    public async Task An_upload_shorter_than_its_store_announced_is_not_spooled()
    {
        var store = new StreamObservingStore { AnnouncedExtra = 10 };
        var location = new ObjectLocation("ingest", "short");
        await store.Inner.PutAsync(location, new byte[1000], "application/dicom", default);

        await Assert.ThrowsAsync<IOException>(() => SpooledObject.DownloadAsync(store, location, long.MaxValue, default));
    }

    [Fact]
    public async Task An_upload_announced_longer_than_accepted_is_refused_before_it_is_read()
    {
        var store = new StreamObservingStore { AnnouncedExtra = int.MaxValue };
        var location = new ObjectLocation("ingest", "huge");
        await store.Inner.PutAsync(location, new byte[1000], "application/dicom", default);

        var refused = await Assert.ThrowsAsync<ObjectTooLargeException>(() => SpooledObject.DownloadAsync(store, location, 1 << 20, default));

        Assert.Equal(1000L + int.MaxValue, refused.Length);
    }

    /// <summary>
    /// An in-memory store that reads streamed writes as a real store would, with a large buffer, and records the largest
    /// single read (what the writer had been able to put ahead), the length and the hash, keeping nothing.
    /// </summary>
    private sealed class StreamObservingStore : IObjectStore
    {
        private readonly Dictionary<ObjectLocation, int> _wholeReads = [];

        public InMemoryObjectStore Inner { get; } = new();

        public Dictionary<ObjectLocation, (long Length, int LargestRead, string Sha256)> Streamed { get; } = [];

        public int AnnouncedExtra { get; init; }

        public int WholeReadsOf(ObjectLocation location) => _wholeReads.GetValueOrDefault(location);

        public Task<StoredObject?> GetAsync(ObjectLocation location, CancellationToken cancellationToken)
        {
            _wholeReads[location] = WholeReadsOf(location) + 1;
            return Inner.GetAsync(location, cancellationToken);
        }

        public Task<bool> ExistsAsync(ObjectLocation location, CancellationToken cancellationToken) => Inner.ExistsAsync(location, cancellationToken);

        public Task PutAsync(ObjectLocation location, ReadOnlyMemory<byte> content, string contentType, CancellationToken cancellationToken) =>
            Inner.PutAsync(location, content, contentType, cancellationToken);

        public async Task<StoredStream?> OpenReadAsync(ObjectLocation location, CancellationToken cancellationToken) =>
            await Inner.OpenReadAsync(location, cancellationToken) is { } stored
                ? new StoredStream(stored.Content, stored.Length + AnnouncedExtra, stored.ContentType)
                : null;

        public async Task PutAsync(ObjectLocation location, Stream content, string contentType, CancellationToken cancellationToken)
        {
            var buffer = new byte[32 * 1024 * 1024];
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            long length = 0;
            var largest = 0;
            int n;
            while ((n = await content.ReadAsync(buffer, cancellationToken)) > 0)
            {
                hash.AppendData(buffer, 0, n);
                length += n;
                largest = Math.Max(largest, n);
            }
            lock (Streamed) Streamed[location] = (length, largest, Convert.ToHexStringLower(hash.GetHashAndReset()));
        }

        public Task CopyAsync(ObjectLocation source, ObjectLocation destination, CancellationToken cancellationToken) =>
            Inner.CopyAsync(source, destination, cancellationToken);
    }
}
