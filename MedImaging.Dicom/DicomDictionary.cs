using System.Collections.Frozen;
using System.Globalization;

namespace MedImaging.Dicom;

/// <summary>
/// The PS3.6 data dictionary, read once from standard/data-dictionary.tsv embedded in this assembly.
/// Lookup tries the exact tag, then the repeating-group rows (50xx, 60xx, 7Fxx, ...).
/// </summary>
public sealed partial class DicomDictionary
{
    private const string ResourceName = "MedImaging.Dicom.data-dictionary.tsv";
    private static readonly Lazy<DicomDictionary> Lazy = new(Load);

    private readonly FrozenDictionary<uint, DicomDictionaryEntry> _byTag;
    private readonly FrozenDictionary<string, DicomDictionaryEntry> _byKeyword;
    private readonly DicomDictionaryEntry[] _repeating;

    private DicomDictionary(List<DicomDictionaryEntry> entries)
    {
        _byTag = entries.Where(e => !e.IsRepeatingGroup).ToFrozenDictionary(e => e.Tag.Value);
        _repeating = entries.Where(e => e.IsRepeatingGroup).ToArray();
        _byKeyword = entries.Where(e => e.Keyword.Length > 0)
            .GroupBy(e => e.Keyword, StringComparer.Ordinal)
            .ToFrozenDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        Count = entries.Count;
    }

    public static DicomDictionary Default => Lazy.Value;

    public int Count { get; }

    /// <summary>The entry for a tag; group lengths, private creators and unknown tags get synthetic entries.</summary>
    public DicomDictionaryEntry this[DicomTag tag] => TryGet(tag, out var entry) ? entry : Synthetic(tag);

    public bool TryGet(DicomTag tag, out DicomDictionaryEntry entry)
    {
        if (_byTag.TryGetValue(tag.Value, out entry!)) return true;
        if (!tag.IsPrivate)
            foreach (var candidate in _repeating)
                if (candidate.Matches(tag))
                {
                    entry = candidate;
                    return true;
                }
        entry = null!;
        return false;
    }

    /// <summary>
    /// The VR a tag is read with when the encoding carries none (implicit VR, UN re-read), from constant tables generated
    /// from the same TSV: no allocation, so parsing never pays for loading the full dictionary.
    /// </summary>
    internal static bool TryGetImplicitVR(uint tag, out DicomVR vr)
    {
        var index = ImplicitTags.BinarySearch(tag);
        if (index >= 0) return DicomVR.TryParse(ImplicitVRCodes[index], out vr);
        if ((tag & 0x00010000) == 0)
        {
            var tags = RepeatingTags;
            var masks = RepeatingMasks;
            for (var i = 0; i < tags.Length; i++)
                if ((tag & masks[i]) == tags[i]) return DicomVR.TryParse(RepeatingVRCodes[i], out vr);
        }
        vr = DicomVR.UN;
        return false;
    }

    /// <summary>
    /// The keyword of a tag as <see cref="this[DicomTag]"/> gives it, from constant tables generated from the same TSV
    /// for exact tags: the hot paths (de-identification) never pay for loading the full dictionary. Only a tag in a
    /// repeating group (50xx, 60xx ...) loads it.
    /// </summary>
    public static string KeywordOf(DicomTag tag)
    {
        var index = KeywordTags.BinarySearch(tag.Value);
        if (index >= 0) return KeywordAt(index);
        if (!tag.IsPrivate && IsInRepeatingGroup(tag.Value)) return Default[tag].Keyword;
        return Synthetic(tag).Keyword;
    }

    private static readonly string?[] KeywordCache = new string?[KeywordTags.Length];

    private static string KeywordAt(int index)
    {
        if (KeywordCache[index] is { } cached) return cached;
        var starts = KeywordStarts;
        var end = index + 1 < starts.Length ? starts[index + 1] - 1 : KeywordText.Length;
        return KeywordCache[index] = KeywordText[starts[index]..end];
    }

    private static bool IsInRepeatingGroup(uint tag)
    {
        var tags = RepeatingTags;
        var masks = RepeatingMasks;
        for (var i = 0; i < tags.Length; i++)
            if ((tag & masks[i]) == tags[i]) return true;
        return false;
    }

    public bool TryGetByKeyword(string keyword, out DicomDictionaryEntry entry) => _byKeyword.TryGetValue(keyword, out entry!);

    private static DicomDictionaryEntry Synthetic(DicomTag tag)
    {
        if (tag.IsGroupLength) return DicomDictionaryEntry.GroupLength(tag);
        if (tag.IsPrivateCreator) return DicomDictionaryEntry.PrivateCreator(tag);
        return DicomDictionaryEntry.Unknown(tag);
    }

    private static DicomDictionary Load()
    {
        using var stream = typeof(DicomDictionary).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException("embedded data dictionary missing");
        using var reader = new StreamReader(stream);
        return new DicomDictionary(Parse(reader));
    }

    internal static List<DicomDictionaryEntry> Parse(TextReader reader)
    {
        var entries = new List<DicomDictionaryEntry>(5400);
        reader.ReadLine();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0) continue;
            var cells = line.Split('\t');
            var (tagText, vrText, vm, keyword, name, retired) = (cells[0], cells[1], cells[2], cells[3], cells[4], cells[5] == "Y");
            uint value = 0, mask = 0;
            foreach (var c in tagText)
            {
                value <<= 4;
                mask <<= 4;
                if (c != 'x')
                {
                    value |= uint.Parse(c.ToString(), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
                    mask |= 0xF;
                }
            }
            entries.Add(new DicomDictionaryEntry(DicomTag.FromValue(value), mask, ParseVRs(vrText), vm, keyword, name, retired));
        }
        return entries;
    }

    private static DicomVR[] ParseVRs(string text)
    {
        if (text.Length == 0) return [DicomVR.UN];
        if (text == "NONE") return [DicomVR.NONE];
        var parts = text.Split(" or ");
        var result = new DicomVR[parts.Length];
        for (var i = 0; i < parts.Length; i++) result[i] = DicomVR.Parse(parts[i]);
        return result;
    }
}
