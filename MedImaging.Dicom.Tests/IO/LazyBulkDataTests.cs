using MedImaging.Testing;

namespace MedImaging.Dicom.Tests.IO;

/// <summary>Large files: the header is read without touching pixel data, and bulk data stays in the file until asked for.</summary>
public sealed class LazyBulkDataTests : IDisposable
{
    private const int PixelBytes = 25 * 1024 * 1024;
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"medimaging-large-{Guid.NewGuid():N}.dcm");

    public LazyBulkDataTests()
    {
        var file = DicomFile.Open(TestCorpus.File("ct_ele_14s.dcm"));
        var pixels = new byte[PixelBytes];
        new Random(7).NextBytes(pixels);
        file.Dataset.AddOrUpdate(new DicomElement(DicomTag.PixelData, DicomVR.OW, pixels));
        file.Dataset.AddOrUpdate(DicomTag.NumberOfFrames, "50");
        file.Save(_path);
    }

    public void Dispose() => File.Delete(_path);

    [Fact]
    public void Header_of_a_25_MB_file_allocates_less_than_1_MB()
    {
        DicomFile.Open(TestCorpus.File("ct_ele_14s.dcm"), DicomReadOptions.HeaderOnly); // warm up: JIT, dictionary
        var before = GC.GetAllocatedBytesForCurrentThread();
        var file = DicomFile.Open(_path, DicomReadOptions.HeaderOnly);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(allocated < 1024 * 1024, $"allocated {allocated} bytes");
        Assert.False(file.Dataset.Contains(DicomTag.PixelData));
        Assert.Equal(new FileInfo(_path).Length - PixelBytes - 12, file.PixelDataOffset);
    }

    [Fact]
    public void Full_read_keeps_pixel_data_in_the_file_until_asked_for()
    {
        DicomFile.Open(TestCorpus.File("ct_ele_14s.dcm"));
        var before = GC.GetAllocatedBytesForCurrentThread();
        var file = DicomFile.Open(_path);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(allocated < 1024 * 1024, $"allocated {allocated} bytes");
        var pixels = file.Dataset.GetDicomItem<DicomElement>(DicomTag.PixelData)!;
        var bulk = Assert.IsType<FileBulkData>(pixels.BulkData);
        Assert.False(bulk.IsLoaded);
        Assert.Equal(PixelBytes, pixels.Length);
        var expected = new byte[PixelBytes];
        new Random(7).NextBytes(expected);
        Assert.True(expected.AsSpan().SequenceEqual(pixels.Buffer.Span));
    }

    [Fact]
    public void Header_only_read_from_a_seekable_stream_stops_before_the_pixel_data()
    {
        using var stream = new CountingStream(File.OpenRead(_path));
        var before = GC.GetAllocatedBytesForCurrentThread();
        var file = DicomFile.Read(stream, DicomReadOptions.HeaderOnly);
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 1024 * 1024);
        Assert.True(stream.BytesRead < 128 * 1024, $"read {stream.BytesRead} bytes");
        Assert.Equal("CT", file.Dataset.GetString(DicomTag.Modality));
    }

    [Fact]
    public void Full_read_from_a_seekable_stream_reads_pixel_data_when_asked()
    {
        using var stream = new CountingStream(File.OpenRead(_path));
        var file = DicomFile.Read(stream);
        var pixels = file.Dataset.GetDicomItem<DicomElement>(DicomTag.PixelData)!;
        Assert.True(stream.BytesRead < 256 * 1024);
        Assert.Equal(PixelBytes, pixels.Buffer.Length);
        Assert.True(stream.BytesRead > PixelBytes);
    }

    private sealed class CountingStream(Stream inner) : Stream
    {
        public long BytesRead { get; private set; }
        public override bool CanRead => true;
        public override bool CanSeek => true;
        public override bool CanWrite => false;
        public override long Length => inner.Length;
        public override long Position { get => inner.Position; set => inner.Position = value; }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            var n = inner.Read(buffer);
            BytesRead += n;
            return n;
        }

        public override long Seek(long offset, SeekOrigin origin) => inner.Seek(offset, origin);
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        protected override void Dispose(bool disposing)
        {
            if (disposing) inner.Dispose();
            base.Dispose(disposing);
        }
    }

    [Fact]
    public void Saving_a_lazily_read_file_streams_the_bulk_data_through()
    {
        var copy = _path + ".copy";
        try
        {
            DicomFile.Open(_path).Save(copy);
            Assert.True(File.ReadAllBytes(_path).AsSpan().SequenceEqual(File.ReadAllBytes(copy)));
        }
        finally
        {
            File.Delete(copy);
        }
    }
}
