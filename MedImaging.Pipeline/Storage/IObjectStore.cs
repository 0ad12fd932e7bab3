namespace MedImaging.Pipeline.Storage;

/// <summary>
/// The pipeline's view of S3. Implementations must be safe to call again with the same arguments:
/// the pipeline relies on deterministic keys, so a repeated put or copy overwrites identical content.
/// </summary>
public interface IObjectStore
{
    /// <summary>The object, or null when there is none at that location.</summary>
    Task<StoredObject?> GetAsync(ObjectLocation location, CancellationToken cancellationToken);

    /// <summary>
    /// As <see cref="GetAsync(ObjectLocation, CancellationToken)"/>, for an object the caller knows by its SHA-256 (lower-case
    /// hex): a store may check the content against it in place of a costlier integrity check of its own, and then says the
    /// content's hash in <see cref="StoredObject.Sha256"/>. Content that differs is returned all the same, for the caller to judge.
    /// </summary>
    Task<StoredObject?> GetAsync(ObjectLocation location, string expectedSha256, CancellationToken cancellationToken) =>
        GetAsync(location, cancellationToken);

    Task<bool> ExistsAsync(ObjectLocation location, CancellationToken cancellationToken);

    Task PutAsync(ObjectLocation location, ReadOnlyMemory<byte> content, string contentType, CancellationToken cancellationToken);

    /// <summary>The object as a stream, for content too large to hold; null when there is none at that location.</summary>
    Task<StoredStream?> OpenReadAsync(ObjectLocation location, CancellationToken cancellationToken);

    /// <summary>
    /// Writes what <paramref name="content"/> holds up to its end, of a length not known in advance, holding at most a bounded
    /// part of it at a time. Nothing is visible at the location unless all of it was written.
    /// </summary>
    Task PutAsync(ObjectLocation location, Stream content, string contentType, CancellationToken cancellationToken);

    Task CopyAsync(ObjectLocation source, ObjectLocation destination, CancellationToken cancellationToken);
}
