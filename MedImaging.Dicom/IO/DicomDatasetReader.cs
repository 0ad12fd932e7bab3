using System.Buffers.Binary;

namespace MedImaging.Dicom.IO;

/// <summary>
/// Parses data elements from a <see cref="ByteSource"/> in one transfer syntax. Every length is checked
/// against the bytes that remain before anything is allocated; problems raise <see cref="DicomFormatException"/>.
/// </summary>
internal sealed class DicomDatasetReader(ByteSource source, DicomReadOptions options, bool isExplicitVR, bool isBigEndian)
{
    private const uint UndefinedLength = 0xFFFFFFFF;
    private const uint ItemTag = 0xFFFEE000;
    private const uint ItemDelimitationTag = 0xFFFEE00D;
    private const uint SequenceDelimitationTag = 0xFFFEE0DD;
    private const uint PixelDataTag = 0x7FE00010;

    private bool _explicit = isExplicitVR;
    private bool _bigEndian = isBigEndian;
    private uint _cachedCreatorKey = uint.MaxValue;
    private DicomDataset? _cachedCreatorDataset;
    private string? _cachedCreator;

    /// <summary>Set when a header-only read stopped at the top-level Pixel Data element.</summary>
    public long? PixelDataOffset { get; private set; }

    /// <summary>How many zero bytes followed the last top-level element (padding written by some archives).</summary>
    public long TrailingZeroBytes { get; private set; }

    public enum Scope { ToEnd, UntilItemDelimiter, MetaGroup }

    /// <summary>Reads elements into <paramref name="dataset"/> from <paramref name="position"/>; returns the position after the last one.</summary>
    public long ReadDataset(DicomDataset dataset, long position, long end, Scope scope, int depth)
    {
        while (true)
        {
            if (position == end || (scope == Scope.ToEnd && source.EndsAt(position)))
            {
                if (scope == Scope.UntilItemDelimiter)
                    throw new DicomFormatException("item without item delimitation before end of data", position);
                return position;
            }
            var remaining = end - position;
            if (remaining < 8)
            {
                if (IsTrailingZeros(dataset, position, end, scope, depth)) return end;
                if (scope == Scope.MetaGroup) return position;
                throw new DicomFormatException($"truncated element header ({remaining} bytes left)", position);
            }
            var head = source.Peek(position, 8);
            var group = ReadUInt16(head);
            var elementNumber = ReadUInt16(head[2..]);
            var tagValue = ((uint)group << 16) | elementNumber;
            var tag = new DicomTag(group, elementNumber);
            if (tagValue == 0 && IsTrailingZeros(dataset, position, end, scope, depth)) return end;

            if (scope == Scope.MetaGroup && group != 0x0002) return position;
            if (group == 0xFFFE)
            {
                if (tagValue == ItemDelimitationTag && scope == Scope.UntilItemDelimiter) return position + 8;
                throw new DicomFormatException("unexpected item or delimiter tag inside a dataset", position, tag);
            }
            if (depth == 0 && tagValue == PixelDataTag && options.StopBeforePixelData && scope == Scope.ToEnd)
            {
                PixelDataOffset = position;
                return position;
            }

            DicomVR vr;
            uint length;
            int headerLength;
            if (_explicit)
            {
                var code = (ushort)((head[4] << 8) | head[5]);
                if (!DicomVR.TryParse(code, out vr))
                    throw new DicomFormatException("invalid explicit VR", position, tag);
                if (vr.HasLongLength)
                {
                    if (remaining < 12) throw new DicomFormatException("truncated element header", position, tag);
                    length = ReadUInt32(source.Peek(position + 8, 4));
                    headerLength = 12;
                }
                else
                {
                    length = ReadUInt16(head[6..]);
                    headerLength = 8;
                }
            }
            else
            {
                vr = ImplicitVR(tag);
                if (vr == DicomVR.UN && tag.IsPrivate && elementNumber >= 0x1000) vr = PrivateVR(dataset, tag);
                length = ReadUInt32(head[4..]);
                headerLength = 8;
            }

            var valuePosition = position + headerLength;
            var valueEnd = end;
            var available = valueEnd - valuePosition;
            DicomItem item;
            if (length == UndefinedLength)
            {
                if (tagValue == PixelDataTag)
                    item = ReadFragments(tag, vr, valuePosition, valueEnd, out position);
                else if (vr == DicomVR.SQ || vr == DicomVR.UN || !_explicit)
                    item = ReadSequence(tag, valuePosition, UndefinedLength, valueEnd, depth, asUN: vr == DicomVR.UN && _explicit, out position);
                else throw new DicomFormatException($"undefined length is not allowed for VR {vr.Code}", position, tag);
            }
            else
            {
                if (length > available)
                    throw source.Overrun("value length", length, available, position, tag);
                if (vr == DicomVR.SQ && !_explicit && tag.IsPrivate)
                    item = ReadPrivateSequence(dataset, tag, valuePosition, length, valueEnd, depth, out position);
                else if (vr == DicomVR.SQ)
                    item = ReadSequence(tag, valuePosition, length, valueEnd, depth, asUN: false, out position);
                else if (vr == DicomVR.UN && _explicit && options.ReinterpretUnknownVR && !tag.IsPrivate &&
                         DicomDictionary.TryGetImplicitVR(tagValue, out var known) && known == DicomVR.SQ)
                    item = ReadSequence(tag, valuePosition, length, valueEnd, depth, asUN: true, out position);
                else
                {
                    item = ReadElement(dataset, tag, vr, valuePosition, length, depth);
                    position = valuePosition + length;
                }
            }
            dataset.AddParsed(item);
        }
    }

    private DicomElement ReadElement(DicomDataset dataset, DicomTag tag, DicomVR vr, long position, uint length, int depth)
    {
        if (tag.IsPrivate && tag.Element >= 0x1000) tag = BindPrivateCreator(dataset, tag);
        var bigEndian = _bigEndian;
        var encodedAsUN = false;
        if (vr == DicomVR.UN && _explicit && options.ReinterpretUnknownVR && KnownVR(tag) is { } known)
        {
            // PS3.5 6.2.2: a UN value is encoded as in implicit VR little endian.
            vr = AmbiguousVR.Resolve(tag, known, dataset);
            bigEndian = false;
            encodedAsUN = true;
        }
        else if (!_explicit) vr = AmbiguousVR.Resolve(tag, vr, dataset);
        var isBulk = (tag.Value == PixelDataTag && depth == 0) ||
                     (length >= options.BulkDataThreshold && !vr.IsString && vr != DicomVR.SQ);
        return isBulk
            ? new DicomElement(tag, vr, source.Bulk(position, length), bigEndian) { EncodedAsUN = encodedAsUN }
            : new DicomElement(tag, vr, source.Value(position, (int)length), bigEndian) { EncodedAsUN = encodedAsUN };
    }

    /// <summary>The private dictionary's VR for an implicit VR private element of a known creator, else UN.</summary>
    private DicomVR PrivateVR(DicomDataset dataset, DicomTag tag)
    {
        var creator = BindPrivateCreator(dataset, tag).PrivateCreator;
        return creator is not null && DicomPrivateDictionary.TryGetVR(creator, tag.Group, tag.Element, out var vr) ? vr : DicomVR.UN;
    }

    /// <summary>
    /// A private element the dictionary calls SQ, read as a sequence when it is one; a vendor that put something else
    /// under the same creator and element keeps its bytes as UN (the dictionary only guessed).
    /// </summary>
    private DicomItem ReadPrivateSequence(DicomDataset dataset, DicomTag tag, long position, uint length, long end, int depth, out long after)
    {
        try
        {
            return ReadSequence(tag, position, length, end, depth, asUN: false, out after);
        }
        catch (DicomFormatException)
        {
            after = position + length;
            return ReadElement(dataset, tag, DicomVR.UN, position, length, depth);
        }
    }

    private static DicomVR? KnownVR(DicomTag tag)
    {
        if (tag.IsPrivate)
        {
            if (tag.IsPrivateCreator) return DicomVR.LO;
            // As dcmconv +uc: a private attribute of a known creator is known too (but a sequence stays UN bytes).
            return tag.PrivateCreator is { } creator && DicomPrivateDictionary.TryGetVR(creator, tag.Group, tag.Element, out var privateVR) &&
                   privateVR != DicomVR.UN && privateVR != DicomVR.SQ ? privateVR : null;
        }
        if (tag.IsGroupLength) return DicomVR.UL;
        return DicomDictionary.TryGetImplicitVR(tag.Value, out var vr) && vr != DicomVR.UN && vr != DicomVR.SQ ? vr : null;
    }

    private DicomTag BindPrivateCreator(DicomDataset dataset, DicomTag tag)
    {
        var key = tag.PrivateCreatorTag.Value;
        if (key != _cachedCreatorKey || !ReferenceEquals(dataset, _cachedCreatorDataset))
        {
            _cachedCreatorKey = key;
            _cachedCreatorDataset = dataset;
            _cachedCreator = dataset.GetDicomItem(tag.PrivateCreatorTag) is DicomElement creator ? creator.GetString() : null;
        }
        return _cachedCreator is null ? tag : new DicomTag(tag.Group, tag.Element, _cachedCreator);
    }

    private DicomSequence ReadSequence(DicomTag tag, long position, uint length, long containerEnd, int depth, bool asUN, out long after)
    {
        if (depth + 1 > options.MaxSequenceDepth)
            throw new DicomFormatException($"sequences nested deeper than {options.MaxSequenceDepth}", position, tag);
        var sequence = new DicomSequence(tag) { UndefinedLength = length == UndefinedLength, EncodedAsUN = asUN };
        var end = length == UndefinedLength ? containerEnd : position + length;
        var (savedExplicit, savedBigEndian) = (_explicit, _bigEndian);
        if (asUN) (_explicit, _bigEndian) = (false, false);
        try
        {
            while (true)
            {
                if (length != UndefinedLength && position == end) break;
                if (end - position < 8)
                    throw new DicomFormatException("truncated sequence: item header expected", position, tag);
                var head = source.Peek(position, 8);
                var itemTag = ((uint)ReadUInt16(head) << 16) | ReadUInt16(head[2..]);
                var itemLength = ReadUInt32(head[4..]);
                if (itemTag == SequenceDelimitationTag)
                {
                    position += 8;
                    if (length == UndefinedLength) break;
                    throw new DicomFormatException("sequence delimiter in a sequence of defined length", position - 8, tag);
                }
                if (itemTag != ItemTag)
                    throw new DicomFormatException($"expected an item tag, found {DicomTag.FromValue(itemTag)}", position, tag);
                var itemDataset = new DicomDataset { UndefinedLength = itemLength == UndefinedLength };
                if (itemLength == UndefinedLength)
                    position = ReadDataset(itemDataset, position + 8, end, Scope.UntilItemDelimiter, depth + 1);
                else
                {
                    if (itemLength > end - position - 8)
                        throw end == source.Length
                            ? source.Overrun("item length", itemLength, end - position - 8, position, tag)
                            : new DicomFormatException($"item length {itemLength} exceeds the {end - position - 8} bytes remaining", position, tag);
                    position = ReadDataset(itemDataset, position + 8, position + 8 + itemLength, Scope.ToEnd, depth + 1);
                }
                sequence.Items.Add(itemDataset);
            }
        }
        finally
        {
            (_explicit, _bigEndian) = (savedExplicit, savedBigEndian);
        }
        after = position;
        return sequence;
    }

    private DicomFragmentSequence ReadFragments(DicomTag tag, DicomVR vr, long position, long end, out long after)
    {
        var fragments = new DicomFragmentSequence(tag, vr);
        var first = true;
        while (true)
        {
            if (end - position < 8)
                throw new DicomFormatException("truncated encapsulated pixel data", position, tag);
            var head = source.Peek(position, 8);
            var itemTag = ((uint)ReadUInt16(head) << 16) | ReadUInt16(head[2..]);
            var itemLength = ReadUInt32(head[4..]);
            if (itemTag == SequenceDelimitationTag)
            {
                after = position + 8;
                return fragments;
            }
            if (itemTag != ItemTag)
                throw new DicomFormatException($"expected a fragment item, found {DicomTag.FromValue(itemTag)}", position, tag);
            var available = end - position - 8;
            if (itemLength > available)
                throw source.Overrun("fragment length", itemLength, available, position, tag);
            if (first)
            {
                fragments.OffsetTableData = DicomBulkData.FromMemory(source.Value(position + 8, (int)itemLength));
                first = false;
            }
            else fragments.Fragments.Add(source.Bulk(position + 8, itemLength));
            position += 8 + itemLength;
        }
    }

    /// <summary>
    /// Zeros to the end of the data after the dataset: no element starts with tag (0000,0000) there, and dcmtk reads such
    /// files too. Only the 8-byte head is checked on the normal path; the rest only once it is zero.
    /// </summary>
    private bool IsTrailingZeros(DicomDataset dataset, long position, long end, Scope scope, int depth)
    {
        if (depth != 0 || scope != Scope.ToEnd || dataset.Count == 0) return false;
        var first = source.Peek(position, (int)Math.Min(8, end - position));
        if (first.ContainsAnyExcept((byte)0)) return false;
        for (var at = position + first.Length; at < end; at += 16)
            if (source.Peek(at, (int)Math.Min(16, end - at)).ContainsAnyExcept((byte)0)) return false;
        TrailingZeroBytes = end - position;
        return true;
    }

    private static DicomVR ImplicitVR(DicomTag tag)
    {
        if (tag.IsPrivate)
            return tag.IsPrivateCreator ? DicomVR.LO : tag.IsGroupLength ? DicomVR.UL : DicomVR.UN;
        if (DicomDictionary.TryGetImplicitVR(tag.Value, out var vr)) return vr;
        return tag.IsGroupLength ? DicomVR.UL : DicomVR.UN;
    }

    private ushort ReadUInt16(ReadOnlySpan<byte> s) => _bigEndian ? BinaryPrimitives.ReadUInt16BigEndian(s) : BinaryPrimitives.ReadUInt16LittleEndian(s);
    private uint ReadUInt32(ReadOnlySpan<byte> s) => _bigEndian ? BinaryPrimitives.ReadUInt32BigEndian(s) : BinaryPrimitives.ReadUInt32LittleEndian(s);
}
