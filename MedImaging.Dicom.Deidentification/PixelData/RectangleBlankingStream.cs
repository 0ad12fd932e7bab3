using MedImaging.Dicom.Deidentification.Policy;

namespace MedImaging.Dicom.Deidentification.PixelData;

/// <summary>
/// A write-only stream that forwards native pixel data to <paramref name="destination"/>, zeroing the bytes of
/// every pixel inside the rectangles, frame by frame, without holding more than the buffer being written.
/// </summary>
internal sealed class RectangleBlankingStream(Stream destination, PixelLayout layout, IReadOnlyList<PixelRectangle> rectangles) : Stream
{
    private long _position;

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        var copy = System.Buffers.ArrayPool<byte>.Shared.Rent(buffer.Length);
        try
        {
            var span = copy.AsSpan(0, buffer.Length);
            buffer.CopyTo(span);
            var index = 0;
            while (index < span.Length)
            {
                var withinPlane = (_position + index) % layout.PlaneBytes;
                var row = (int)(withinPlane / layout.RowBytes);
                var withinRow = (int)(withinPlane % layout.RowBytes);
                var run = Math.Min(layout.RowBytes - withinRow, span.Length - index);
                BlankRun(span.Slice(index, run), row, withinRow);
                index += run;
            }
            destination.Write(span);
            _position += buffer.Length;
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(copy);
        }
    }

    // run: bytes of one image row starting at byte withinRow of that row.
    private void BlankRun(Span<byte> run, int row, int withinRow)
    {
        foreach (var rectangle in rectangles)
        {
            if (row < rectangle.Y || row >= rectangle.Y + rectangle.Height)
                continue;
            var start = Math.Max(0, Math.Min(rectangle.X, layout.Columns)) * layout.PixelBytes - withinRow;
            var end = Math.Max(0, Math.Min(rectangle.X + rectangle.Width, layout.Columns)) * layout.PixelBytes - withinRow;
            start = Math.Clamp(start, 0, run.Length);
            end = Math.Clamp(end, 0, run.Length);
            if (end > start)
                run[start..end].Clear();
        }
    }

    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => _position;
    public override long Position { get => _position; set => throw new NotSupportedException(); }
    public override void Flush() => destination.Flush();
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
}
