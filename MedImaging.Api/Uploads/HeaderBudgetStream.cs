namespace MedImaging.Api.Uploads;

/// <summary>
/// The request body under the multipart reader, with a byte budget while it reads a part's headers: the reader
/// (Microsoft.AspNetCore.WebUtilities) buffers a header line until its CRLF, so a part header that never ends held the
/// whole rest of the body in memory (16 MiB sent, 100 MB allocated). Beyond the budget the body is malformed.
/// </summary>
public sealed class HeaderBudgetStream(Stream inner, int budget) : Stream
{
    private long _left = long.MaxValue;

    /// <summary>The reader is about to look for the next part (the current one was read to its end).</summary>
    public void StartHeaders() => _left = budget;

    /// <summary>The reader found the part; its body streams without a budget.</summary>
    public void EndHeaders() => _left = long.MaxValue;

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        Spend(await inner.ReadAsync(buffer, cancellationToken));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) => Spend(inner.Read(buffer, offset, count));

    private int Spend(int n)
    {
        _left -= n;
        if (_left < 0) throw new InvalidDataException($"multipart boundary and part headers longer than {budget} bytes");
        return n;
    }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
