namespace MedImaging.Pipeline.Metadata;

/// <summary>An image rewritten without its metadata, and how many of each kind of segment or chunk were dropped.</summary>
/// <param name="Removed">Segment or chunk names (APP1, COM, tEXt, eXIf ...; "trailer" for bytes after the end marker) and counts.</param>
public sealed record StrippedImage(ReadOnlyMemory<byte> Content, IReadOnlyDictionary<string, int> Removed)
{
    public int RemovedCount => Removed.Values.Sum();
}
