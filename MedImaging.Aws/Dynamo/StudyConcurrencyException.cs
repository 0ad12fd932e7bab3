namespace MedImaging.Aws.Dynamo;

/// <summary>The study item changed since it was read: another writer won; reload and retry.</summary>
public sealed class StudyConcurrencyException(long expectedVersion, Exception inner)
    : Exception($"The study was modified concurrently (expected version {expectedVersion}).", inner)
{
    public long ExpectedVersion { get; } = expectedVersion;
}
