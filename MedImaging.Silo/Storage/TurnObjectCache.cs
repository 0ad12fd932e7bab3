using System.Collections.Concurrent;
using MedImaging.Pipeline.Storage;

namespace MedImaging.Silo.Storage;

/// <summary>
/// Remembers, for one instance's run within one turn, the objects it read or wrote, so consecutive steps do not
/// fetch the upload (or the de-identified file they just wrote) from S3 again. Only presence is remembered:
/// a missing object is always asked again. Lives as long as one run; never shared between turns.
/// The upload, whose hash the run knows from its message, is read checked against that hash (see
/// <see cref="IObjectStore.GetAsync(ObjectLocation, string, CancellationToken)"/>).
/// </summary>
public sealed class TurnObjectCache(IObjectStore inner, ObjectLocation? upload = null, string? uploadSha256 = null) : IObjectStore
{
    private readonly ConcurrentDictionary<ObjectLocation, StoredObject> _objects = new();

    public Task<StoredObject?> GetAsync(ObjectLocation location, CancellationToken cancellationToken) =>
        location == upload && uploadSha256 is not null
            ? GetAsync(location, uploadSha256, cancellationToken)
            : GetCachedAsync(location, null, cancellationToken);

    public Task<StoredObject?> GetAsync(ObjectLocation location, string expectedSha256, CancellationToken cancellationToken) =>
        GetCachedAsync(location, expectedSha256, cancellationToken);

    private async Task<StoredObject?> GetCachedAsync(ObjectLocation location, string? expectedSha256, CancellationToken cancellationToken)
    {
        if (_objects.TryGetValue(location, out var cached)) return cached;
        var stored = expectedSha256 is null
            ? await inner.GetAsync(location, cancellationToken)
            : await inner.GetAsync(location, expectedSha256, cancellationToken);
        if (stored is not null) _objects[location] = stored;
        return stored;
    }

    public async Task<bool> ExistsAsync(ObjectLocation location, CancellationToken cancellationToken) =>
        _objects.ContainsKey(location) || await inner.ExistsAsync(location, cancellationToken);

    public async Task PutAsync(ObjectLocation location, ReadOnlyMemory<byte> content, string contentType, CancellationToken cancellationToken)
    {
        await inner.PutAsync(location, content, contentType, cancellationToken);
        _objects[location] = new StoredObject(content, contentType);
    }

    public async Task CopyAsync(ObjectLocation source, ObjectLocation destination, CancellationToken cancellationToken)
    {
        await inner.CopyAsync(source, destination, cancellationToken);
        if (_objects.TryGetValue(source, out var copied)) _objects[destination] = copied;
    }
}
