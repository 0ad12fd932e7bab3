using System.Collections.Concurrent;
using MedImaging.Pipeline.Storage;

namespace MedImaging.Silo.Storage;

/// <summary>
/// Remembers, for one instance's run within one turn, the objects it read or wrote, so consecutive steps do not
/// fetch the upload (or the de-identified file they just wrote) from S3 again. Only presence is remembered:
/// a missing object is always asked again. Lives as long as one run; never shared between turns.
/// </summary>
public sealed class TurnObjectCache(IObjectStore inner) : IObjectStore
{
    private readonly ConcurrentDictionary<ObjectLocation, StoredObject> _objects = new();

    public async Task<StoredObject?> GetAsync(ObjectLocation location, CancellationToken cancellationToken)
    {
        if (_objects.TryGetValue(location, out var cached)) return cached;
        var stored = await inner.GetAsync(location, cancellationToken);
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
