using System.Buffers;
using Microsoft.Win32.SafeHandles;

namespace MedImaging.Dicom.IO;

/// <summary>
/// A write-only file stream that gathers a whole file (up to <see cref="Capacity"/>) in one pooled buffer and writes
/// it with one system call, so a typical instance costs one write. Bulk data left in a file is read straight into
/// the buffer (<see cref="FileBulkData"/> asks for <see cref="FreeSpace"/>), skipping the intermediate copy.
/// </summary>
internal sealed class FileWriteBuffer : Stream
{
    public const int Capacity = 4 * 1024 * 1024;

    private readonly SafeFileHandle _handle;
    private byte[]? _buffer = ArrayPool<byte>.Shared.Rent(Capacity);
    private int _used;
    private long _filePosition;

    public FileWriteBuffer(string path) =>
        _handle = File.OpenHandle(path, FileMode.Create, FileAccess.Write, FileShare.None);

    /// <summary>The free part of the buffer, flushing first when it is full (never empty).</summary>
    public Span<byte> FreeSpace
    {
        get
        {
            var buffer = _buffer ?? throw new ObjectDisposedException(nameof(FileWriteBuffer));
            if (_used == buffer.Length) Flush();
            return buffer.AsSpan(_used);
        }
    }

    /// <summary>Marks <paramref name="count"/> bytes of <see cref="FreeSpace"/> as written.</summary>
    public void Advance(int count) => _used += count;

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> data)
    {
        while (data.Length > 0)
        {
            var free = FreeSpace;
            var n = Math.Min(free.Length, data.Length);
            data[..n].CopyTo(free);
            _used += n;
            data = data[n..];
        }
    }

    public override void WriteByte(byte value) => Write([value]);

    public override void Flush()
    {
        if (_buffer is null || _used == 0) return;
        RandomAccess.Write(_handle, _buffer.AsSpan(0, _used), _filePosition);
        _filePosition += _used;
        _used = 0;
    }

    protected override void Dispose(bool disposing)
    {
        if (_buffer is null) return;
        try
        {
            if (disposing) Flush();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = null;
            _handle.Dispose();
            base.Dispose(disposing);
        }
    }

    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => _buffer is not null;
    public override long Length => _filePosition + _used;
    public override long Position { get => Length; set => throw new NotSupportedException(); }
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
}
