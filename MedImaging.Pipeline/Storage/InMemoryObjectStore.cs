using System.Collections.Concurrent;

namespace MedImaging.Pipeline.Storage;

/// <summary>
/// A process-local object store for tests and single-process runs. It counts writes per key so tests
/// can prove that a redelivered step wrote nothing twice.
/// </summary>
public sealed class InMemoryObjectStore : IObjectStore
{
    private readonly ConcurrentDictionary<ObjectLocation, StoredObject> _objects = new();
    private readonly ConcurrentDictionary<ObjectLocation, int> _writes = new();
    private int _existenceChecks;

    public IReadOnlyCollection<ObjectLocation> Locations => _objects.Keys.ToList();

    public int WriteCount(ObjectLocation location) => _writes.GetValueOrDefault(location);

    public int TotalWrites => _writes.Values.Sum();

    /// <summary>How often a caller asked whether an object exists (a HEAD request on S3).</summary>
    public int ExistenceChecks => Volatile.Read(ref _existenceChecks);

    public Task<StoredObject?> GetAsync(ObjectLocation location, CancellationToken cancellationToken) =>
        Task.FromResult(_objects.TryGetValue(location, out var value) ? value : null);

    public Task<bool> ExistsAsync(ObjectLocation location, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _existenceChecks);
        return Task.FromResult(_objects.ContainsKey(location));
    }

    public Task PutAsync(ObjectLocation location, ReadOnlyMemory<byte> content, string contentType, CancellationToken cancellationToken)
    {
        _objects[location] = new StoredObject(content.ToArray(), contentType);
        _writes.AddOrUpdate(location, 1, (_, n) => n + 1);
        return Task.CompletedTask;
    }

    public Task<StoredStream?> OpenReadAsync(ObjectLocation location, CancellationToken cancellationToken) =>
        Task.FromResult(_objects.TryGetValue(location, out var value)
            ? new StoredStream(Readable(value.Content), value.Content.Length, value.ContentType)
            : null);

    public async Task PutAsync(ObjectLocation location, Stream content, string contentType, CancellationToken cancellationToken)
    {
        using var copy = new MemoryStream();
        await content.CopyToAsync(copy, cancellationToken);
        await PutAsync(location, copy.ToArray(), contentType, cancellationToken);
    }

    private static MemoryStream Readable(ReadOnlyMemory<byte> content) =>
        System.Runtime.InteropServices.MemoryMarshal.TryGetArray(content, out var segment)
            ? new MemoryStream(segment.Array!, segment.Offset, segment.Count, writable: false)
            : new MemoryStream(content.ToArray(), writable: false);

    public Task CopyAsync(ObjectLocation source, ObjectLocation destination, CancellationToken cancellationToken)
    {
        if (!_objects.TryGetValue(source, out var value))
            throw new KeyNotFoundException($"No object at {source}");
        _objects[destination] = value;
        _writes.AddOrUpdate(destination, 1, (_, n) => n + 1);
        return Task.CompletedTask;
    }
}
