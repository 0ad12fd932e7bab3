using System.Buffers;
using System.Buffers.Binary;

namespace MedImaging.Dicom.IO;

/// <summary>
/// Encodes datasets in one transfer syntax. Sequence and item lengths are written undefined or computed,
/// following the hints kept from the input; values are written as stored (byte-swapped when the byte order changes).
/// </summary>
internal sealed class DicomDatasetWriter(Stream output, bool isExplicitVR, bool isBigEndian, bool keepUNSequences, bool recalculateGroupLengths)
{
    private const uint UndefinedLength = 0xFFFFFFFF;
    private bool _explicit = isExplicitVR;
    private bool _bigEndian = isBigEndian;

    public void WriteDataset(DicomDataset dataset)
    {
        var items = dataset as IEnumerable<DicomItem>;
        ushort lengthGroup = 0xFFFF;
        foreach (var item in items)
        {
            if (item is DicomElement { Tag.IsGroupLength: true } groupLength && groupLength.VR == DicomVR.UL && groupLength.Length == 4
                && (recalculateGroupLengths || item.Tag.Group == 0x0002))
            {
                lengthGroup = item.Tag.Group;
                WriteGroupLength(item.Tag, ComputeGroupLength(dataset, lengthGroup));
                continue;
            }
            WriteItem(item);
        }
    }

    public long ComputeGroupLength(DicomDataset dataset, ushort group)
    {
        long total = 0;
        foreach (var item in dataset)
            if (item.Tag.Group == group && !item.Tag.IsGroupLength) total += EncodedLength(item);
        return total;
    }

    private void WriteGroupLength(DicomTag tag, long length)
    {
        Span<byte> value = stackalloc byte[4];
        WriteUInt32(value, (uint)length);
        WriteHeader(tag, DicomVR.UL, 4);
        output.Write(value);
    }

    public void WriteItem(DicomItem item)
    {
        switch (item)
        {
            case DicomElement element:
                WriteElement(element);
                break;
            case DicomSequence sequence:
                WriteSequence(sequence);
                break;
            case DicomFragmentSequence fragments:
                WriteFragments(fragments);
                break;
        }
    }

    private void WriteElement(DicomElement element)
    {
        if (element.Length > uint.MaxValue - 1) throw new DicomDataException("value too long to encode", element.Tag);
        var asUN = element.EncodedAsUN && keepUNSequences && _explicit;
        WriteHeader(element.Tag, asUN ? DicomVR.UN : element.VR, (uint)element.Length);
        var swap = !asUN && element.IsBigEndian != _bigEndian && !element.VR.IsString && element.VR.UnitSize > 1;
        if (!swap)
        {
            if (element.BulkData is { } bulk) bulk.CopyTo(output);
            else output.Write(element.Buffer.Span);
            return;
        }
        var source = element.Buffer.Span;
        var buffer = ArrayPool<byte>.Shared.Rent(source.Length);
        try
        {
            var target = buffer.AsSpan(0, source.Length);
            Swap(source, target, element.VR.UnitSize);
            output.Write(target);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static void Swap(ReadOnlySpan<byte> source, Span<byte> target, int unit)
    {
        var whole = source.Length - source.Length % unit;
        for (var i = 0; i < whole; i += unit)
            for (var j = 0; j < unit; j++) target[i + j] = source[i + unit - 1 - j];
        source[whole..].CopyTo(target[whole..]);
    }

    private void WriteSequence(DicomSequence sequence)
    {
        var asUN = sequence.EncodedAsUN && keepUNSequences && _explicit;
        var length = sequence.UndefinedLength ? UndefinedLength : (uint)SequenceContentLength(sequence, asUN);
        WriteHeader(sequence.Tag, asUN ? DicomVR.UN : DicomVR.SQ, length);
        var (savedExplicit, savedBigEndian) = (_explicit, _bigEndian);
        if (asUN) (_explicit, _bigEndian) = (false, false);
        try
        {
            foreach (var item in sequence.Items)
            {
                WriteItemHeader(0xFFFEE000, item.UndefinedLength ? UndefinedLength : (uint)DatasetLength(item));
                WriteDataset(item);
                if (item.UndefinedLength) WriteItemHeader(0xFFFEE00D, 0);
            }
            if (sequence.UndefinedLength) WriteItemHeader(0xFFFEE0DD, 0);
        }
        finally
        {
            (_explicit, _bigEndian) = (savedExplicit, savedBigEndian);
        }
    }

    private void WriteFragments(DicomFragmentSequence fragments)
    {
        WriteHeader(fragments.Tag, fragments.VR, UndefinedLength);
        WriteItemHeader(0xFFFEE000, (uint)fragments.OffsetTableData.Length);
        fragments.OffsetTableData.CopyTo(output);
        foreach (var fragment in fragments.Fragments)
        {
            WriteItemHeader(0xFFFEE000, (uint)fragment.Length);
            fragment.CopyTo(output);
        }
        WriteItemHeader(0xFFFEE0DD, 0);
    }

    private void WriteHeader(DicomTag tag, DicomVR vr, uint length)
    {
        Span<byte> header = stackalloc byte[12];
        WriteUInt16(header, tag.Group);
        WriteUInt16(header[2..], tag.Element);
        if (!_explicit)
        {
            WriteUInt32(header[4..], length);
            output.Write(header[..8]);
            return;
        }
        header[4] = (byte)vr.Code[0];
        header[5] = (byte)vr.Code[1];
        if (vr.HasLongLength)
        {
            header[6] = 0;
            header[7] = 0;
            WriteUInt32(header[8..], length);
            output.Write(header);
            return;
        }
        if (length > ushort.MaxValue) throw new DicomDataException($"value of {length} bytes is too long for VR {vr.Code}", tag);
        WriteUInt16(header[6..], (ushort)length);
        output.Write(header[..8]);
    }

    private void WriteItemHeader(uint tag, uint length)
    {
        Span<byte> header = stackalloc byte[8];
        WriteUInt16(header, (ushort)(tag >> 16));
        WriteUInt16(header[2..], (ushort)tag);
        WriteUInt32(header[4..], length);
        output.Write(header);
    }

    /// <summary>Bytes the item takes when encoded in the current syntax, header included.</summary>
    public long EncodedLength(DicomItem item) => item switch
    {
        DicomElement element => HeaderLength(element.EncodedAsUN && keepUNSequences ? DicomVR.UN : element.VR) + element.Length,
        DicomSequence sequence => SequenceLength(sequence),
        DicomFragmentSequence fragments => FragmentsLength(fragments),
        _ => 0,
    };

    private long SequenceLength(DicomSequence sequence)
    {
        var asUN = sequence.EncodedAsUN && keepUNSequences && _explicit;
        return HeaderLength(asUN ? DicomVR.UN : DicomVR.SQ) + SequenceContentLength(sequence, asUN);
    }

    private long SequenceContentLength(DicomSequence sequence, bool asUN)
    {
        var (savedExplicit, savedBigEndian) = (_explicit, _bigEndian);
        if (asUN) (_explicit, _bigEndian) = (false, false);
        try
        {
            long total = 0;
            foreach (var item in sequence.Items)
                total += 8 + DatasetLength(item) + (item.UndefinedLength ? 8 : 0);
            if (sequence.UndefinedLength) total += 8;
            return total;
        }
        finally
        {
            (_explicit, _bigEndian) = (savedExplicit, savedBigEndian);
        }
    }

    private long DatasetLength(DicomDataset dataset)
    {
        long total = 0;
        foreach (var item in dataset) total += EncodedLength(item);
        return total;
    }

    private long FragmentsLength(DicomFragmentSequence fragments)
    {
        var total = HeaderLength(fragments.VR) + 8 + fragments.OffsetTableData.Length + 8;
        foreach (var fragment in fragments.Fragments) total += 8 + fragment.Length;
        return total;
    }

    private int HeaderLength(DicomVR vr) => !_explicit ? 8 : vr.HasLongLength ? 12 : 8;

    private void WriteUInt16(Span<byte> s, ushort v)
    {
        if (_bigEndian) BinaryPrimitives.WriteUInt16BigEndian(s, v);
        else BinaryPrimitives.WriteUInt16LittleEndian(s, v);
    }

    private void WriteUInt32(Span<byte> s, uint v)
    {
        if (_bigEndian) BinaryPrimitives.WriteUInt32BigEndian(s, v);
        else BinaryPrimitives.WriteUInt32LittleEndian(s, v);
    }
}
