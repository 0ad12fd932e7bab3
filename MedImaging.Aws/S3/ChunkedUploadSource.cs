using System.Buffers;
using System.Security.Cryptography;

namespace MedImaging.Aws.S3;

/// <summary>
/// Reads a stream in fixed-size chunks (the S3 part size) into one reusable buffer, hashing and counting
/// the bytes and enforcing a size limit, so that a file of any size is uploaded with bounded memory.
/// The buffer comes from the shared array pool and grows with the content up to the chunk size: a small
/// file never costs a fresh chunk-sized array (a large-object-heap allocation, zeroed and soon collected).
/// </summary>
public sealed class ChunkedUploadSource : IDisposable
{
    /// <summary>The first buffer: most single files fit, and a larger one is only rented when it fills up.</summary>
    internal const int InitialBufferSize = 256 * 1024;

    private readonly Stream _source;
    private readonly long _maxBytes;
    private readonly int _chunkSize;
    private byte[] _buffer;
    private readonly IncrementalHash _sha256 = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private bool _sourceEnded;

    private ChunkedUploadSource(Stream source, long maxBytes, int chunkSize)
    {
        _source = source;
        _maxBytes = maxBytes;
        _chunkSize = chunkSize;
        _buffer = ArrayPool<byte>.Shared.Rent(Math.Min(chunkSize, InitialBufferSize));
    }

    /// <summary>The bytes of the current chunk; valid until the next chunk is read or the source is disposed.</summary>
    public ReadOnlyMemory<byte> Current { get; private set; }

    /// <summary>True when the current chunk is the last one of the stream.</summary>
    public bool IsLastChunk => _sourceEnded;

    /// <summary>Bytes read so far, including the current chunk.</summary>
    public long TotalBytes { get; private set; }

    /// <summary>Opens the source and reads its first chunk (empty when the stream is empty).</summary>
    public static Task<ChunkedUploadSource> OpenAsync(Stream source, long maxBytes, int chunkSize, CancellationToken cancellationToken) =>
        OpenAsync(source, maxBytes, chunkSize, chunkSize, cancellationToken);

    /// <summary>
    /// Opens the source and reads only <paramref name="firstChunkSize"/> bytes of it at first: a reader that may refuse
    /// the stream from its first bytes then holds no more, and <see cref="ExtendAsync"/> reads on when it does not.
    /// </summary>
    public static async Task<ChunkedUploadSource> OpenAsync(Stream source, long maxBytes, int chunkSize, int firstChunkSize, CancellationToken cancellationToken)
    {
        var reader = new ChunkedUploadSource(source, maxBytes, chunkSize);
        try
        {
            await reader.FillAsync(Math.Min(chunkSize, firstChunkSize), cancellationToken);
            return reader;
        }
        catch
        {
            reader.Dispose();
            throw;
        }
    }

    /// <summary>Replaces the current chunk with the next one; false when the stream had already ended.</summary>
    public async Task<bool> MoveNextAsync(CancellationToken cancellationToken)
    {
        if (_sourceEnded) return false;
        await FillAsync(_chunkSize, cancellationToken);
        return Current.Length > 0;
    }

    /// <summary>
    /// Reads more of the stream into the current chunk until it holds <paramref name="length"/> bytes or the stream
    /// ends: for a reader that must see further into a file than one chunk before it can be stored (the chunk then
    /// goes out as several parts). Only before <see cref="MoveNextAsync"/> was first called.
    /// </summary>
    public async Task ExtendAsync(int length, CancellationToken cancellationToken)
    {
        if (_sourceEnded || Current.Length >= length) return;
        if (TotalBytes != Current.Length) throw new InvalidOperationException("Only the first chunk can be extended.");
        var start = Current.Length;
        var filled = start;
        if (_carry is { } carried) { Reserve(filled, length); _buffer[filled++] = carried; _carry = null; }
        while (filled < length)
        {
            Reserve(filled, length);
            var read = await _source.ReadAsync(_buffer.AsMemory(filled, Math.Min(_buffer.Length, length) - filled), cancellationToken);
            if (read == 0) { _sourceEnded = true; break; }
            filled += read;
            if (TotalBytes - start + filled > _maxBytes) throw new UploadTooLargeException(_maxBytes);
        }
        if (!_sourceEnded) await PeekEndAsync(TotalBytes - start + filled, cancellationToken);
        _sha256.AppendData(_buffer, start, filled - start);
        TotalBytes += filled - start;
        Current = _buffer.AsMemory(0, filled);
    }

    /// <summary>Lower-case hex SHA-256 of the whole stream; valid once the last chunk has been read.</summary>
    public string ContentSha256()
    {
        if (!_sourceEnded) throw new InvalidOperationException("The stream has not been read to its end.");
        return Convert.ToHexStringLower(_sha256.GetCurrentHash());
    }

    private async Task FillAsync(int size, CancellationToken cancellationToken)
    {
        var filled = 0;
        if (_carry is { } carried) { _buffer[0] = carried; _carry = null; filled = 1; }
        while (filled < size)
        {
            if (filled == _buffer.Length) Grow(filled, size);
            var read = await _source.ReadAsync(_buffer.AsMemory(filled, Math.Min(_buffer.Length, size) - filled), cancellationToken);
            if (read == 0) { _sourceEnded = true; break; }
            filled += read;
            if (TotalBytes + filled > _maxBytes) throw new UploadTooLargeException(_maxBytes);
        }
        if (!_sourceEnded) await PeekEndAsync(TotalBytes + filled, cancellationToken);
        TotalBytes += filled;
        _sha256.AppendData(_buffer, 0, filled);
        Current = _buffer.AsMemory(0, filled);
    }

    // Doubles the buffer (at most to the cap), keeping the bytes read so far.
    private void Grow(int filled, int cap)
    {
        var larger = ArrayPool<byte>.Shared.Rent((int)Math.Min(cap, 2L * _buffer.Length));
        _buffer.AsSpan(0, filled).CopyTo(larger);
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = larger;
    }

    // Room for one more byte after the first `filled` ones (cap > filled).
    private void Reserve(int filled, int cap)
    {
        if (filled == _buffer.Length) Grow(filled, cap);
    }

    // A full buffer may be exactly the end of the stream: reading one byte ahead tells the last chunk apart,
    // so a single-chunk file is stored with one PutObject and no empty trailing part is ever sent.
    private async Task PeekEndAsync(long readSoFar, CancellationToken cancellationToken)
    {
        var read = await _source.ReadAsync(_peek, cancellationToken);
        if (read == 0) _sourceEnded = true;
        else if (readSoFar + 1 > _maxBytes) throw new UploadTooLargeException(_maxBytes);
        else _carry = _peek[0];
    }

    private readonly byte[] _peek = new byte[1];
    private byte? _carry;

    public void Dispose()
    {
        _sha256.Dispose();
        var buffer = Interlocked.Exchange(ref _buffer, []);
        if (buffer.Length > 0) ArrayPool<byte>.Shared.Return(buffer);
        Current = default;
    }
}
