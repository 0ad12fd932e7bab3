namespace MedImaging.Pipeline.Storage;

/// <summary>An object being read: its content as a stream (read once, front to back), its length and content type.</summary>
public sealed class StoredStream(Stream content, long length, string contentType, IDisposable? owner = null) : IAsyncDisposable
{
    public Stream Content { get; } = content;

    public long Length { get; } = length;

    public string ContentType { get; } = contentType;

    public async ValueTask DisposeAsync()
    {
        await Content.DisposeAsync();
        owner?.Dispose();
    }
}
