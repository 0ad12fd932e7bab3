using System.Buffers.Binary;
using MedImaging.Dicom.Imaging.Pixels;

namespace MedImaging.Dicom.Imaging.Rendering;

/// <summary>A LUT (modality, VOI or palette): entries for inputs FirstMapped, FirstMapped+1, ...; inputs outside clamp to the ends.</summary>
public sealed record LookupTable(int FirstMapped, int BitsPerEntry, int[] Entries)
{
    public int this[long input] => Entries[(int)Math.Clamp(input - FirstMapped, 0, Entries.Length - 1)];

    public int MaxOutput => (1 << BitsPerEntry) - 1;

    /// <summary>Reads LUT Descriptor + LUT Data (or a segmented LUT's data) from a dataset or item.</summary>
    public static LookupTable? Read(DicomDataset item, DicomTag descriptorTag, DicomTag dataTag, DicomTag? segmentedTag = null, bool signedInput = false)
    {
        if (!item.TryGetElement(descriptorTag, out var descriptor) || descriptor.Count < 3) return null;
        var count = descriptor.GetValue<int>(0);
        if (count <= 0) count += 65536; // 0 (or a US read as SS) means 2^16 entries
        int firstMapped = descriptor.GetValue<int>(1);
        if (descriptor.VR == DicomVR.US && signedInput && firstMapped > 32767) firstMapped -= 65536;
        var bits = descriptor.GetValue<int>(2);
        if (bits is < 1 or > 16) throw new PixelDataException($"LUT descriptor {descriptorTag} gives {bits} bits per entry");

        if (item.TryGetElement(dataTag, out var data))
            return new LookupTable(firstMapped, bits, ReadEntries(data, count, bits));
        if (segmentedTag is { } segmented && item.TryGetElement(segmented, out var segments))
            return new LookupTable(firstMapped, bits, SegmentedLut.Expand(Words(segments), count));
        return null;
    }

    private static int[] ReadEntries(DicomElement data, int count, int bits)
    {
        var bytes = data.Buffer.Span;
        if (bits <= 8 && bytes.Length is var n && (n == count || n == count + 1))
        {
            var packed = new int[count];
            for (var i = 0; i < count; i++) packed[i] = bytes[i];
            return packed;
        }
        var words = Words(data);
        if (words.Length < count) throw new PixelDataException($"LUT data {data.Tag} has {words.Length} entries, its descriptor says {count}");
        var entries = new int[count];
        var highByteOnly = bits <= 8 && words.Take(count).All(w => (w & 0xFF) == 0) && words.Take(count).Any(w => w != 0);
        for (var i = 0; i < count; i++) entries[i] = highByteOnly ? words[i] >> 8 : bits <= 8 ? words[i] & 0xFF : words[i];
        return entries;
    }

    private static ushort[] Words(DicomElement element)
    {
        var bytes = element.Buffer.Span;
        var words = new ushort[bytes.Length / 2];
        for (var i = 0; i < words.Length; i++)
            words[i] = element.IsBigEndian ? BinaryPrimitives.ReadUInt16BigEndian(bytes[(2 * i)..]) : BinaryPrimitives.ReadUInt16LittleEndian(bytes[(2 * i)..]);
        return words;
    }
}
