using MedImaging.Pipeline.Storage;

namespace MedImaging.Pipeline.Execution;

/// <summary>
/// How a step looks for what an earlier run of the same instance may have written at its deterministic keys: in the
/// store, unless the run is the instance's first delivery, when nothing can be there yet and asking would only cost a
/// round trip per output.
/// </summary>
internal readonly record struct Outputs(IObjectStore Store, bool FirstDelivery)
{
    public async Task<bool> ExistsAsync(ObjectLocation location, CancellationToken cancellationToken) =>
        !FirstDelivery && await Store.ExistsAsync(location, cancellationToken);

    public async Task<StoredObject?> GetEarlierAsync(ObjectLocation location, CancellationToken cancellationToken) =>
        FirstDelivery ? null : await Store.GetAsync(location, cancellationToken);
}
