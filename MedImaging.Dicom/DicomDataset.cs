using System.Collections;
using MedImaging.Dicom.Text;

namespace MedImaging.Dicom;

/// <summary>An ordered set of data elements, sequences and encapsulated pixel data, sorted by tag.</summary>
public partial class DicomDataset : IEnumerable<DicomItem>
{
    private const uint SpecificCharacterSetTag = 0x00080005;
    private readonly List<DicomItem> _items;
    private DicomCharacterSet? _characterSet;

    public DicomDataset() => _items = [];

    public DicomDataset(params IEnumerable<DicomItem> items) : this()
    {
        foreach (var item in items) AddOrUpdate(item);
    }

    internal DicomDataset(int capacity) => _items = new List<DicomItem>(capacity);

    /// <summary>The dataset this one is an item of (for inheriting Specific Character Set).</summary>
    public DicomDataset? Parent { get; internal set; }

    /// <summary>Encoding hint kept from the input: the item had undefined length.</summary>
    public bool UndefinedLength { get; set; }

    /// <summary>The transfer syntax the dataset was read in (explicit VR little endian for new datasets).</summary>
    public DicomTransferSyntax InternalTransferSyntax { get; set; } = DicomTransferSyntax.ExplicitVRLittleEndian;

    public int Count => _items.Count;

    /// <summary>Specific Character Set of this dataset, or of the enclosing one when this item has none.</summary>
    public DicomCharacterSet CharacterSet
    {
        get
        {
            if (_characterSet is not null) return _characterSet;
            if (TryGetItemIndex(DicomTag.SpecificCharacterSet, out var index) && _items[index] is DicomElement element)
                return _characterSet = DicomCharacterSet.FromTerms(element.GetStrings());
            return Parent?.CharacterSet ?? DicomCharacterSet.Default;
        }
    }

    public bool Contains(DicomTag tag) => TryGetItemIndex(tag, out _);

    public DicomItem? GetDicomItem(DicomTag tag) => TryGetItemIndex(tag, out var index) ? _items[index] : null;

    public T? GetDicomItem<T>(DicomTag tag) where T : DicomItem => GetDicomItem(tag) as T;

    public bool TryGetElement(DicomTag tag, out DicomElement element)
    {
        element = (GetDicomItem(tag) as DicomElement)!;
        return element is not null;
    }

    /// <summary>Adds or replaces an item, keeping tag order.</summary>
    public DicomDataset AddOrUpdate(DicomItem item)
    {
        if (item.Tag.Value == SpecificCharacterSetTag) _characterSet = null;
        if (item is DicomSequence sequence)
            foreach (var child in sequence.Items) child.Parent = this;
        var count = _items.Count;
        if (count == 0 || _items[count - 1].Tag.Value < item.Tag.Value)
        {
            _items.Add(item);
            return this;
        }
        var index = BinarySearch(item.Tag.Value);
        if (index >= 0) _items[index] = item;
        else _items.Insert(~index, item);
        return this;
    }

    /// <summary>Adds an item; fails if the tag is present.</summary>
    public DicomDataset Add(DicomItem item)
    {
        if (Contains(item.Tag)) throw new ArgumentException($"{item.Tag} is already present", nameof(item));
        return AddOrUpdate(item);
    }

    public bool Remove(DicomTag tag)
    {
        if (!TryGetItemIndex(tag, out var index)) return false;
        _items.RemoveAt(index);
        if (tag == DicomTag.SpecificCharacterSet) _characterSet = null;
        return true;
    }

    /// <summary>Removes every item the predicate selects; returns how many.</summary>
    public int Remove(Predicate<DicomItem> predicate)
    {
        _characterSet = null;
        return _items.RemoveAll(predicate);
    }

    public void Clear()
    {
        _items.Clear();
        _characterSet = null;
    }

    public IEnumerator<DicomItem> GetEnumerator() => _items.GetEnumerator();
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Deep copy of the structure; element values (immutable) are shared.</summary>
    public DicomDataset Clone()
    {
        var copy = new DicomDataset(_items.Count) { UndefinedLength = UndefinedLength, InternalTransferSyntax = InternalTransferSyntax };
        foreach (var item in _items) copy._items.Add(CloneItem(item, copy));
        return copy;
    }

    private static DicomItem CloneItem(DicomItem item, DicomDataset parent)
    {
        if (item is not DicomSequence sequence) return item;
        var clone = new DicomSequence(sequence.Tag) { UndefinedLength = sequence.UndefinedLength, EncodedAsUN = sequence.EncodedAsUN };
        foreach (var child in sequence.Items)
        {
            var childCopy = child.Clone();
            childCopy.Parent = parent;
            clone.Items.Add(childCopy);
        }
        return clone;
    }

    /// <summary>Appends while parsing: items normally arrive in order, so this is an append.</summary>
    internal void AddParsed(DicomItem item)
    {
        if (item is DicomSequence sequence)
            foreach (var child in sequence.Items) child.Parent = this;
        var count = _items.Count;
        if (count == 0 || _items[count - 1].Tag.Value < item.Tag.Value) _items.Add(item);
        else AddOrUpdate(item);
    }

    internal DicomItem? Last => _items.Count > 0 ? _items[^1] : null;

    private bool TryGetItemIndex(DicomTag tag, out int index)
    {
        index = BinarySearch(tag.Value);
        return index >= 0;
    }

    private int BinarySearch(uint value)
    {
        int lo = 0, hi = _items.Count - 1;
        while (lo <= hi)
        {
            var mid = lo + ((hi - lo) >> 1);
            var current = _items[mid].Tag.Value;
            if (current == value) return mid;
            if (current < value) lo = mid + 1;
            else hi = mid - 1;
        }
        return ~lo;
    }

    public override string ToString() => $"DicomDataset ({_items.Count} items)";
}
