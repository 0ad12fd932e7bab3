using System.Collections.Concurrent;

namespace MedImaging.Dicom.Deidentification.Engine;

/// <summary>
/// Pairs a date attribute with the time attribute that completes it (Study Date with Study Time, Date of Secondary
/// Capture with Time of Secondary Capture ...): the dictionary keyword with "Date" in place of "Time", DA with TM.
/// The pair is shifted together so that the date rolls over midnight with the time.
/// </summary>
internal static class TemporalPartners
{
    private static readonly ConcurrentDictionary<uint, DicomTag?> Cache = new();

    /// <summary>The partner of a standard DA or TM attribute, or null when it has none.</summary>
    public static DicomTag? Of(DicomTag tag)
    {
        if (tag.IsPrivate)
            return null;
        return Cache.GetOrAdd(tag.Value, static (_, t) => Find(t), tag);
    }

    private static DicomTag? Find(DicomTag tag)
    {
        var entry = DicomDictionary.Default[tag];
        var (from, to, partnerVR) = entry.DefaultVR == DicomVR.DA ? ("Date", "Time", DicomVR.TM)
            : entry.DefaultVR == DicomVR.TM ? ("Time", "Date", DicomVR.DA)
            : (null, null, null);
        if (from is null || !entry.Keyword.Contains(from, StringComparison.Ordinal))
            return null;
        var keyword = entry.Keyword.Replace(from, to, StringComparison.Ordinal);
        return DicomDictionary.Default.TryGetByKeyword(keyword, out var partner) && partner.DefaultVR == partnerVR ? partner.Tag : null;
    }
}
