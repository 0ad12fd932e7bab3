namespace MedImaging.Dicom.IO;

/// <summary>
/// A seekable stream read through a window; bulk data stays in the stream as <see cref="StreamBulkData"/>,
/// which reads it when asked for (so the stream must stay open until then).
/// </summary>
internal sealed class StreamByteSource(Stream stream) : WindowedByteSource
{
    private readonly long _origin = stream.Position;

    public override long Length { get; } = stream.Length - stream.Position;

    protected override int ReadAt(Span<byte> target, long position)
    {
        lock (stream)
        {
            stream.Position = _origin + position;
            return stream.Read(target);
        }
    }

    public override DicomBulkData Bulk(long position, long length) => new StreamBulkData(stream, _origin + position, length);

    public Stream OpenStreamAt(long position) => new StreamSlice(stream, _origin + position);

    /// <summary>Forward-only view of the rest of the stream, for the inflater.</summary>
    private sealed class StreamSlice(Stream inner, long origin) : Stream
    {
        private readonly long _start = origin;
        private long _position = origin;
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => _position - _start; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            lock (inner)
            {
                inner.Position = _position;
                var n = inner.Read(buffer);
                _position += n;
                return n;
            }
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
