using System.Collections.Concurrent;

namespace MedImaging.Dicom.Deidentification.Engine;

/// <summary>
/// "(gggg,eeee)" of a tag for the audit paths, formatted once per standard tag. Private tags are formatted each
/// time so that hostile inputs with many distinct private tags cannot grow the cache without bound.
/// </summary>
internal static class TagText
{
    private static readonly ConcurrentDictionary<uint, string> Cache = new();

    public static string Of(DicomTag tag) =>
        tag.IsPrivate ? tag.ToString() : Cache.GetOrAdd(tag.Value, static (_, t) => t.ToString(), tag);
}
