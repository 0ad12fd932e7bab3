namespace MedImaging.Pipeline.Metadata;

/// <summary>A JPEG or PNG whose structure cannot be walked: what is wrong and at which byte offset. Never carries content.</summary>
public sealed class MalformedImageException(string format, long offset, string problem)
    : FormatException($"Malformed {format} at offset {offset}: {problem}")
{
    public string Format { get; } = format;

    public long Offset { get; } = offset;
}
