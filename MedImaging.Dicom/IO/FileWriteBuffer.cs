using System.Buffers;
using Microsoft.Win32.SafeHandles;

namespace MedImaging.Dicom.IO;

/// <summary>
/// A write-only file stream that gathers a whole file (up to <see cref="Capacity"/>) in one pooled buffer and writes
/// it with one system call, so a typical instance costs one write. Bulk data left in a file is read straight into
/// the buffer (<see cref="FileBulkData"/> asks for <see cref="FreeSpace"/>), skipping the intermediate copy; bulk data
/// already in memory is not copied at all but written from where it is, in the same gathering write
/// (<see cref="WriteUncopied"/>).
/// </summary>
internal sealed class FileWriteBuffer : Stream
{
    // 1 MiB: one write for a typical CT/MR instance; larger in-memory bulk data is written uncopied, not buffered.
    public const int Capacity = 1024 * 1024;

    private readonly SafeFileHandle _handle;
    private byte[]? _buffer = ArrayPool<byte>.Shared.Rent(Capacity);
    private int _used;
    private long _filePosition;

    // Parts queued for the next gathering write, in file order: runs of the buffer and uncopied memory.
    private readonly List<ReadOnlyMemory<byte>> _queued = [];
    private long _queuedBytes;
    private int _runStart;

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

    /// <summary>
    /// Writes <paramref name="data"/> from where it is at the next flush (at the latest when disposed) instead of
    /// copying it into the buffer: it must not change until then.
    /// </summary>
    public void WriteUncopied(ReadOnlyMemory<byte> data)
    {
        var buffer = _buffer ?? throw new ObjectDisposedException(nameof(FileWriteBuffer));
        if (_used > _runStart)
        {
            _queued.Add(buffer.AsMemory(_runStart, _used - _runStart));
            _queuedBytes += _used - _runStart;
            _runStart = _used;
        }
        _queued.Add(data);
        _queuedBytes += data.Length;
        if (_queued.Count >= MaxQueuedParts) Flush();
    }

    // Well below IOV_MAX (1024), the most parts one pwritev takes.
    private const int MaxQueuedParts = 256;

    public override void Flush()
    {
        if (_buffer is null) return;
        if (_queued.Count == 0)
        {
            if (_used == 0) return;
            RandomAccess.Write(_handle, _buffer.AsSpan(0, _used), _filePosition);
            _filePosition += _used;
            _used = 0;
            return;
        }
        if (_used > _runStart)
        {
            _queued.Add(_buffer.AsMemory(_runStart, _used - _runStart));
            _queuedBytes += _used - _runStart;
        }
        RandomAccess.Write(_handle, _queued, _filePosition);
        _filePosition += _queuedBytes;
        _queued.Clear();
        _queuedBytes = 0;
        _used = 0;
        _runStart = 0;
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
    public override long Length => _filePosition + _queuedBytes + _used - _runStart;
    public override long Position { get => Length; set => throw new NotSupportedException(); }
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
}
