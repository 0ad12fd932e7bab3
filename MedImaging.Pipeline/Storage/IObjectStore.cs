namespace MedImaging.Pipeline.Storage;

/// <summary>
/// The pipeline's view of S3. Implementations must be safe to call again with the same arguments:
/// the pipeline relies on deterministic keys, so a repeated put or copy overwrites identical content.
/// </summary>
public interface IObjectStore
{
    /// <summary>The object, or null when there is none at that location.</summary>
    Task<StoredObject?> GetAsync(ObjectLocation location, CancellationToken cancellationToken);

    Task<bool> ExistsAsync(ObjectLocation location, CancellationToken cancellationToken);

    Task PutAsync(ObjectLocation location, ReadOnlyMemory<byte> content, string contentType, CancellationToken cancellationToken);

    Task CopyAsync(ObjectLocation source, ObjectLocation destination, CancellationToken cancellationToken);
}
