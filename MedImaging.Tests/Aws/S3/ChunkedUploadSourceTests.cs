using System.Security.Cryptography;
using MedImaging.Aws.S3;

namespace MedImaging.Tests.Aws.S3;

public sealed class ChunkedUploadSourceTests
{
    private const int Chunk = 1024;

    [Theory]
    [InlineData(0, 1)]
    [InlineData(1, 1)]
    [InlineData(Chunk - 1, 1)]
    [InlineData(Chunk, 1)]
    [InlineData(Chunk + 1, 2)]
    [InlineData(3 * Chunk, 3)]
    [InlineData(3 * Chunk + 7, 4)]
    public async Task Splits_a_stream_into_full_chunks_and_a_last_one(int size, int expectedChunks)
    {
        var bytes = RandomNumberGenerator.GetBytes(size);
        // A non-seekable stream that returns short reads, like a request body.
        using var source = await ChunkedUploadSource.OpenAsync(new TrickleStream(bytes, 100), long.MaxValue, Chunk, default);

        var chunks = new List<byte[]> { source.Current.ToArray() };
        while (await source.MoveNextAsync(default)) chunks.Add(source.Current.ToArray());

        Assert.Equal(expectedChunks, chunks.Count);
        Assert.All(chunks.SkipLast(1), c => Assert.Equal(Chunk, c.Length));
        Assert.True(source.IsLastChunk);
        Assert.Equal(bytes, chunks.SelectMany(c => c).ToArray());
        Assert.Equal(size, source.TotalBytes);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), source.ContentSha256());
    }

    [Fact]
    public async Task Knows_a_single_full_chunk_is_the_last_without_an_empty_part()
    {
        using var source = await ChunkedUploadSource.OpenAsync(new TrickleStream(new byte[Chunk], Chunk), long.MaxValue, Chunk, default);

        Assert.True(source.IsLastChunk);
        Assert.False(await source.MoveNextAsync(default));
    }

    [Theory]
    [InlineData(101, 100)]
    [InlineData(Chunk + 1, Chunk)]
    [InlineData(5 * Chunk, 2 * Chunk + 3)]
    public async Task Throws_as_soon_as_the_limit_is_passed(int size, int limit)
    {
        var stream = new TrickleStream(new byte[size], 64);

        var error = await Assert.ThrowsAsync<UploadTooLargeException>(async () =>
        {
            using var source = await ChunkedUploadSource.OpenAsync(stream, limit, Chunk, default);
            while (await source.MoveNextAsync(default)) { }
        });

        Assert.Equal(limit, error.LimitBytes);
        Assert.True(stream.Position <= limit + Chunk + 1, "read far beyond the limit");
    }

    [Fact]
    public async Task Accepts_a_stream_of_exactly_the_limit()
    {
        using var source = await ChunkedUploadSource.OpenAsync(new TrickleStream(new byte[2 * Chunk], 64), 2 * Chunk, Chunk, default);
        while (await source.MoveNextAsync(default)) { }

        Assert.Equal(2 * Chunk, source.TotalBytes);
    }

    [Theory]
    [InlineData(3 * Chunk + 7, 2 * Chunk, 3)]
    [InlineData(3 * Chunk + 7, 4 * Chunk, 1)]
    [InlineData(2 * Chunk, 2 * Chunk, 1)]
    [InlineData(2 * Chunk + 1, 2 * Chunk, 2)]
    public async Task Extends_the_first_chunk_and_still_reads_every_byte_once(int size, int extendTo, int expectedChunks)
    {
        var bytes = RandomNumberGenerator.GetBytes(size);
        using var source = await ChunkedUploadSource.OpenAsync(new TrickleStream(bytes, 100), long.MaxValue, Chunk, default);

        await source.ExtendAsync(extendTo, default);

        Assert.Equal(Math.Min(size, extendTo), source.Current.Length);
        Assert.Equal(size <= extendTo, source.IsLastChunk);
        var chunks = new List<byte[]> { source.Current.ToArray() };
        while (await source.MoveNextAsync(default)) chunks.Add(source.Current.ToArray());
        Assert.Equal(expectedChunks, chunks.Count);
        Assert.Equal(bytes, chunks.SelectMany(c => c).ToArray());
        Assert.Equal(size, source.TotalBytes);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), source.ContentSha256());
    }

    [Theory]
    [InlineData(100, 100, 1)]
    [InlineData(3 * Chunk + 7, 4 * Chunk, 1)]
    [InlineData(3 * Chunk + 7, Chunk / 2, 4)]
    public async Task A_short_first_read_extends_to_the_whole_file(int size, int extendTo, int expectedChunks)
    {
        var bytes = RandomNumberGenerator.GetBytes(size);
        using var source = await ChunkedUploadSource.OpenAsync(new TrickleStream(bytes, 100), long.MaxValue, Chunk, 200, default);
        Assert.Equal(Math.Min(200, size), source.Current.Length);

        await source.ExtendAsync(extendTo, default);

        var chunks = new List<byte[]> { source.Current.ToArray() };
        while (await source.MoveNextAsync(default)) chunks.Add(source.Current.ToArray());
        Assert.Equal(expectedChunks, chunks.Count);
        Assert.Equal(bytes, chunks.SelectMany(c => c).ToArray());
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), source.ContentSha256());
    }

    [Fact]
    public async Task Extending_past_the_limit_throws()
    {
        using var source = await ChunkedUploadSource.OpenAsync(new TrickleStream(new byte[4 * Chunk], 64), 2 * Chunk + 10, Chunk, default);

        var error = await Assert.ThrowsAsync<UploadTooLargeException>(() => source.ExtendAsync(3 * Chunk, default));

        Assert.Equal(2 * Chunk + 10, error.LimitBytes);
    }

    /// <summary>Forward-only, and never returns more than <c>maxRead</c> bytes per read.</summary>
    private sealed class TrickleStream(byte[] data, int maxRead) : Stream
    {
        private int _position;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => _position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = Math.Min(Math.Min(count, maxRead), data.Length - _position);
            Array.Copy(data, _position, buffer, offset, n);
            _position += n;
            return n;
        }

        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
