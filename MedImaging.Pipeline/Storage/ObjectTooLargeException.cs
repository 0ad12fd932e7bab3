namespace MedImaging.Pipeline.Storage;

/// <summary>An object longer than the caller accepts, refused by its announced length before any of it was read.</summary>
public sealed class ObjectTooLargeException(long length, long limit)
    : Exception($"The object is {length} bytes, more than the {limit} accepted")
{
    public long Length { get; } = length;

    public long Limit { get; } = limit;
}
