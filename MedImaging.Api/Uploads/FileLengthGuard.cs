namespace MedImaging.Api.Uploads;

/// <summary>
/// Passes a file's bytes through and, once the file is known to need at least <see cref="RequiredLength"/> bytes (its
/// header said so), refuses it when it ends short: the check of a declared length against a file whose size is known
/// only at its end, before the upload that is streaming it completes.
/// </summary>
public sealed class FileLengthGuard(Stream inner) : Stream
{
    private long _read;

    /// <summary>Set once the file is identified; its declared lengths are checked when the file ends.</summary>
    public UploadedFileIdentity? Identity { get; set; }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var n = await inner.ReadAsync(buffer, cancellationToken);
        return Counted(n, buffer.Length);
    }

    public override int Read(byte[] buffer, int offset, int count) => Counted(inner.Read(buffer, offset, count), count);

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    private int Counted(int n, int asked)
    {
        _read += n;
        if (n == 0 && asked > 0) Identity?.CheckLength(_read);
        return n;
    }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => _read; set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
