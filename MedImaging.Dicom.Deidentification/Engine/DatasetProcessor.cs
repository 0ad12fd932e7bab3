using System.Text;
using MedImaging.Dicom.Deidentification.Audit;
using MedImaging.Dicom.Deidentification.Dates;
using MedImaging.Dicom.Deidentification.Profile;

namespace MedImaging.Dicom.Deidentification.Engine;

/// <summary>Applies the selected action to every attribute of a dataset, recursing into sequence items.</summary>
internal sealed class DatasetProcessor(DeidentificationContext context)
{
    /// <summary>The items of the dataset being processed as they were before any change (for date/time partners).</summary>
    private List<DicomItem> _originals = [];

    /// <summary>
    /// Tags of the dataset being processed to remove, all at once when its items are done: removing each on its own
    /// shifts the rest of the dataset every time (quadratic in the element count, 30 s for 700k private elements).
    /// </summary>
    private HashSet<uint> _removals = [];

    public void Process(DicomDataset dataset, string path, bool nested)
    {
        var (savedOriginals, savedRemovals) = (_originals, _removals);
        _originals = dataset.ToList();
        _removals = [];
        try
        {
            ProcessItems(dataset, path, nested);
        }
        finally
        {
            (_originals, _removals) = (savedOriginals, savedRemovals);
        }
    }

    private void ProcessItems(DicomDataset dataset, string path, bool nested)
    {
        var keptPrivateBlocks = new HashSet<uint>();
        var privateCreators = new List<DicomItem>();
        foreach (var item in _originals)
        {
            var itemPath = path + TagText.Of(item.Tag);
            if (item.Tag.IsPrivate)
            {
                if (item.Tag.IsPrivateCreator)
                    privateCreators.Add(item);
                else
                    ProcessPrivate(dataset, item, itemPath, keptPrivateBlocks);
                continue;
            }
            if (item.Tag.Group == 0x0002)
            {
                Remove(item, itemPath, "file meta element inside the dataset");
                continue;
            }
            var (action, rule) = ActionSelector.Select(item, context, nested);
            Apply(dataset, item, action, rule, itemPath);
        }

        foreach (var creator in privateCreators)
        {
            var block = ((uint)creator.Tag.Group << 16) | creator.Tag.Element;
            if (keptPrivateBlocks.Contains(block))
                context.Record(path + TagText.Of(creator.Tag), AuditOutcome.Kept, "private creator of a retained safe private attribute");
            else
                Remove(creator, path + TagText.Of(creator.Tag), "E.1-1 basic X (private creator)");
        }

        var removals = _removals;
        if (removals.Count > 0)
            dataset.Remove(item => removals.Contains(item.Tag.Value));

        if (!nested)
            RemoveOverlayGroupsWithoutData(dataset, path);
    }

    private void ProcessPrivate(DicomDataset dataset, DicomItem item, string path, HashSet<uint> keptPrivateBlocks)
    {
        if (!context.Policy.RetainSafePrivate)
        {
            Remove(item, path, "E.1-1 basic X (private)");
            return;
        }
        var creator = item.Tag.PrivateCreator?.Trim();
        var offset = (byte)(item.Tag.Element & 0xFF);
        var safe = creator is not null && context.Policy.SafePrivateAttributes.Any(s =>
            s.Group == item.Tag.Group && s.ElementOffset == offset && string.Equals(s.PrivateCreator.Trim(), creator, StringComparison.Ordinal));
        if (!safe)
        {
            Remove(item, path, "option retain_safe_private C (not on the safe list)");
            return;
        }
        keptPrivateBlocks.Add(((uint)item.Tag.Group << 16) | (uint)(item.Tag.Element >> 8));
        context.Record(path, AuditOutcome.Kept, "option retain_safe_private C (on the safe list)");
        if (item is DicomSequence sequence)
            ProcessSequenceItems(sequence, path);
    }

    private void Apply(DicomDataset dataset, DicomItem item, ProfileAction action, string rule, string path)
    {
        switch (action)
        {
            case ProfileAction.Remove:
                Remove(item, path, rule);
                break;
            case ProfileAction.Empty:
                dataset.AddOrUpdate(item is DicomSequence ? new DicomSequence(item.Tag) : new DicomElement(item.Tag, EffectiveVR(item), ReadOnlyMemory<byte>.Empty));
                NoteDateRemoved(item);
                context.Record(path, AuditOutcome.Emptied, rule);
                break;
            case ProfileAction.Dummy when item is DicomElement element:
                dataset.AddOrUpdate(DummyValues.For(Retyped(element), context.Remapper, dataset.CharacterSet));
                NoteDateRemoved(item);
                context.Record(path, AuditOutcome.Replaced, rule);
                break;
            case ProfileAction.Keep:
                Keep(item, path, rule);
                break;
            case ProfileAction.Clean:
                Clean(dataset, item, path, rule);
                break;
            case ProfileAction.ReplaceUid when item is DicomElement element:
                ReplaceUids(dataset, element, path, rule);
                break;
            default:
                // D, U and U* on a sequence: keep it and apply the profile to every item (E.1.1).
                Keep(item, path, rule);
                break;
        }
    }

    private void Keep(DicomItem item, string path, string rule)
    {
        if (IsOverlayData(item.Tag))
            context.OverlayKept = true;
        context.Record(path, AuditOutcome.Kept, rule);
        if (item is DicomSequence sequence)
            ProcessSequenceItems(sequence, path);
    }

    private void Clean(DicomDataset dataset, DicomItem item, string path, string rule)
    {
        if (item is DicomSequence sequence)
        {
            context.Record(path, AuditOutcome.Kept, rule + " (items cleaned)");
            ProcessSequenceItems(sequence, path);
            return;
        }
        if (item is not DicomElement element)
        {
            Keep(item, path, rule);
            return;
        }
        var vr = EffectiveVR(element);
        if (vr == DicomVR.DA || vr == DicomVR.DT || vr == DicomVR.TM)
        {
            var shifted = context.DateShifter is { } shifter ? Shift(shifter, element, vr, dataset) : null;
            if (shifted is null)
            {
                dataset.AddOrUpdate(new DicomElement(element.Tag, vr, ReadOnlyMemory<byte>.Empty));
                context.DatesRemoved = true;
                context.Record(path, AuditOutcome.Emptied, rule + " (not shiftable)");
                return;
            }
            dataset.AddOrUpdate(DicomElementFactory.FromStrings(element.Tag, vr, [shifted], dataset.CharacterSet));
            context.DatesShifted = true;
            context.Record(path, AuditOutcome.Replaced, rule + " (date shifted)");
            return;
        }
        if (vr == DicomVR.UI)
        {
            ReplaceUids(dataset, element, path, rule);
            return;
        }
        if (vr.IsString)
        {
            var text = TextOf(element, dataset);
            var scrubbed = context.Scrubber.Scrub(text);
            if (scrubbed == text.Trim())
            {
                context.Record(path, AuditOutcome.Kept, rule + " (nothing identifying found)");
                return;
            }
            dataset.AddOrUpdate(DicomElementFactory.FromStrings(element.Tag, vr, [scrubbed], dataset.CharacterSet));
            context.Record(path, AuditOutcome.Replaced, rule + " (identifying text removed)");
            return;
        }
        Keep(item, path, rule + " (binary value kept, not inspectable)");
    }

    /// <summary>A DA or TM with its partner present moves with it (<see cref="DateShifter.ShiftDateAndTime"/>).</summary>
    private string? Shift(DateShifter shifter, DicomElement element, DicomVR vr, DicomDataset dataset)
    {
        var text = TextOf(element, dataset);
        if (vr == DicomVR.DT)
            return shifter.ShiftDateTime(text);
        if (PartnerText(element, dataset) is { } partner)
            return vr == DicomVR.DA ? shifter.ShiftDateAndTime(text, partner).Date : shifter.ShiftDateAndTime(partner, text).Time;
        return vr == DicomVR.DA ? shifter.ShiftDate(text) : shifter.ShiftTime(text);
    }

    private string? PartnerText(DicomElement element, DicomDataset dataset)
    {
        if (TemporalPartners.Of(element.Tag) is not { } partnerTag)
            return null;
        var index = _originals.BinarySearch(new DicomElement(partnerTag, DicomVR.UN, ReadOnlyMemory<byte>.Empty), ByTag);
        return index >= 0 && _originals[index] is DicomElement { Length: > 0 } partner ? TextOf(partner, dataset) : null;
    }

    private static readonly Comparer<DicomItem> ByTag = Comparer<DicomItem>.Create((a, b) => a.Tag.Value.CompareTo(b.Tag.Value));

    private void ReplaceUids(DicomDataset dataset, DicomElement element, string path, string rule)
    {
        if (element.Length == 0)
        {
            context.Record(path, AuditOutcome.Kept, rule + " (empty)");
            return;
        }
        var values = TextOf(element, dataset).Split('\\');
        for (var i = 0; i < values.Length; i++)
            values[i] = values[i].Trim('\0', ' ').Length == 0 ? "" : context.Remapper.Remap(values[i]);
        dataset.AddOrUpdate(DicomElementFactory.FromStrings(element.Tag, DicomVR.UI, values, dataset.CharacterSet));
        context.Record(path, AuditOutcome.Replaced, rule);
    }

    private void ProcessSequenceItems(DicomSequence sequence, string path)
    {
        for (var i = 0; i < sequence.Items.Count; i++)
            Process(sequence.Items[i], $"{path}[{i}]/", nested: true);
    }

    private void Remove(DicomItem item, string path, string rule)
    {
        _removals.Add(item.Tag.Value);
        NoteDateRemoved(item);
        context.Record(path, AuditOutcome.Removed, rule);
    }

    private void NoteDateRemoved(DicomItem item)
    {
        var vr = EffectiveVR(item);
        if (vr == DicomVR.DA || vr == DicomVR.DT)
            context.DatesRemoved = true;
    }

    private void RemoveOverlayGroupsWithoutData(DicomDataset dataset, string path)
    {
        var orphans = dataset
            .Where(i => i.Tag.Group is >= 0x6000 and <= 0x60FF && (i.Tag.Group & 1) == 0)
            .GroupBy(i => i.Tag.Group)
            .Where(g => g.All(i => i.Tag.Element != 0x3000))
            .SelectMany(g => g)
            .ToList();
        if (orphans.Count == 0)
            return;
        var tags = orphans.Select(i => i.Tag.Value).ToHashSet();
        dataset.Remove(item => tags.Contains(item.Tag.Value));
        var paths = orphans.Select(i => path + TagText.Of(i.Tag)).ToList();
        var earlier = paths.ToHashSet(StringComparer.Ordinal);
        context.Entries.RemoveAll(e => earlier.Contains(e.Path));
        foreach (var itemPath in paths)
            context.Record(itemPath, AuditOutcome.Removed, "overlay group whose Overlay Data was removed");
    }

    private static bool IsOverlayData(DicomTag tag) => tag.Group is >= 0x6000 and <= 0x60FF && tag.Element == 0x3000;

    /// <summary>The VR to reason with: the dictionary's when the input said UN (implicit or unknown encodings).</summary>
    internal static DicomVR EffectiveVR(DicomItem item)
    {
        if (item.VR != DicomVR.UN || item.Tag.IsPrivate)
            return item.VR;
        var vr = DicomDictionary.Default[item.Tag].DefaultVR;
        return vr == DicomVR.SQ ? DicomVR.UN : vr;
    }

    private static DicomElement Retyped(DicomElement element)
    {
        var vr = EffectiveVR(element);
        return vr == element.VR ? element : new DicomElement(element.Tag, vr, element.Buffer, element.IsBigEndian);
    }

    private static string TextOf(DicomElement element, DicomDataset dataset) =>
        element.VR.IsString
            ? element.GetString(dataset.CharacterSet)
            : Encoding.Latin1.GetString(element.Buffer.Span).TrimEnd('\0', ' ');
}
