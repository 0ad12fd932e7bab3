namespace MedImaging.Dicom.Imaging.Pixels;

/// <summary>
/// Finds which fragments make up one frame of encapsulated pixel data: through the Extended Offset
/// Table, the Basic Offset Table, one fragment per frame, or by scanning fragment starts for the
/// codec's start marker. Only fragment lengths are consulted, except when scanning.
/// </summary>
public static class EncapsulatedFrameLocator
{
    public static IReadOnlyList<DicomBulkData> Fragments(DicomDataset dataset, DicomFragmentSequence pixels, int frame, int frameCount, string transferSyntax)
    {
        var fragments = pixels.Fragments;
        if (fragments.Count == 0) throw new PixelDataException("encapsulated pixel data has no fragments");
        if (frameCount == 1) return fragments;

        var offsets = ExtendedOffsets(dataset) ?? pixels.OffsetTable.Select(o => (long)o).ToArray();
        if (offsets.Length == frameCount) return ByOffsets(fragments, offsets, frame);
        if (fragments.Count == frameCount) return [fragments[frame]];
        return ByScanning(fragments, frame, transferSyntax);
    }

    private static long[]? ExtendedOffsets(DicomDataset dataset)
    {
        if (!dataset.TryGetElement(DicomTag.ExtendedOffsetTable, out var table)) return null;
        var bytes = table.Buffer.Span;
        var offsets = new long[bytes.Length / 8];
        for (var i = 0; i < offsets.Length; i++) offsets[i] = (long)System.Buffers.Binary.BinaryPrimitives.ReadUInt64LittleEndian(bytes[(8 * i)..]);
        return offsets;
    }

    private static List<DicomBulkData> ByOffsets(List<DicomBulkData> fragments, long[] offsets, int frame)
    {
        var start = offsets[frame];
        var end = frame + 1 < offsets.Length ? offsets[frame + 1] : long.MaxValue;
        if (start < 0 || end < start) throw new PixelDataException($"offset table entries for frame {frame + 1} are not ascending");
        var result = new List<DicomBulkData>();
        long position = 0;
        foreach (var fragment in fragments)
        {
            if (position >= start && position < end) result.Add(fragment);
            position += 8 + fragment.Length;
        }
        if (result.Count == 0) throw new PixelDataException($"offset table points frame {frame + 1} at {start}, where no fragment starts");
        return result;
    }

    private static List<DicomBulkData> ByScanning(List<DicomBulkData> fragments, int frame, string transferSyntax)
    {
        var current = -1;
        var result = new List<DicomBulkData>();
        foreach (var fragment in fragments)
        {
            if (StartsFrame(fragment.GetBytes().Span, transferSyntax) || current < 0) current++;
            if (current == frame) result.Add(fragment);
            else if (current > frame) break;
        }
        if (result.Count == 0) throw new PixelDataException($"frame {frame + 1} not found among {fragments.Count} fragments");
        return result;
    }

    private static bool StartsFrame(ReadOnlySpan<byte> bytes, string transferSyntax) => transferSyntax switch
    {
        _ when bytes.Length < 4 => false,
        "1.2.840.10008.1.2.4.90" or "1.2.840.10008.1.2.4.91" or "1.2.840.10008.1.2.4.92" or "1.2.840.10008.1.2.4.93"
            or "1.2.840.10008.1.2.4.201" or "1.2.840.10008.1.2.4.202" or "1.2.840.10008.1.2.4.203" =>
            (bytes[0] == 0xFF && bytes[1] == 0x4F) || (bytes[4] == 0x6A && bytes[5] == 0x50),
        _ => bytes[0] == 0xFF && bytes[1] == 0xD8,
    };
}
