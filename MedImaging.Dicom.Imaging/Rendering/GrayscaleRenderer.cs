using MedImaging.Dicom.Imaging.Pixels;

namespace MedImaging.Dicom.Imaging.Rendering;

/// <summary>
/// Modality LUT, VOI and presentation inversion to 8 bits. Up to 16 stored bits, every possible bit
/// pattern is mapped once into a byte table, so the per-pixel work is a mask and a table lookup.
/// </summary>
public static class GrayscaleRenderer
{
    public static byte[] Render(DecodedFrame frame, GrayscaleTransforms transforms, WindowChoice choice)
    {
        var format = frame.Format;
        if (format.SamplesPerPixel != 1) throw new PixelDataException("grayscale rendering needs one sample per pixel");
        var stored = new StoredValues(format);
        return stored.Bits <= 16 ? RenderByTable(frame, stored, transforms, choice) : RenderDirect(frame, stored, transforms, choice);
    }

    private static byte[] RenderByTable(DecodedFrame frame, StoredValues stored, GrayscaleTransforms transforms, WindowChoice choice)
    {
        var pixels = frame.Format.PixelCount;
        var samples = frame.Samples.AsSpan();
        var patterns = 1 << stored.Bits;
        var voi = ChooseVoi(transforms, choice, () =>
        {
            var seen = new bool[patterns];
            MarkSeen(frame.Samples, stored, pixels, seen);
            double min = double.MaxValue, max = double.MinValue;
            for (var p = 0; p < patterns; p++)
            {
                if (!seen[p]) continue;
                var m = transforms.Modality(stored.Value(p));
                if (m < min) min = m;
                if (m > max) max = m;
            }
            return (min, max);
        });

        var table = BuildTable(stored, transforms, voi);

        var output = GC.AllocateUninitializedArray<byte>(pixels); // every pixel is written below
        var mask = (int)stored.Mask;
        var shift = stored.Shift;
        if (stored.Width == 1)
            for (var i = 0; i < pixels; i++) output[i] = table[(samples[i] >> shift) & mask];
        else
        {
            var words = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, ushort>(samples[..(pixels * 2)]);
            if (!BitConverter.IsLittleEndian) throw new PlatformNotSupportedException("little-endian host required");
            MapWords(words, table, output, shift, mask);
        }
        return output;
    }

    // The mask keeps every index below the table's length (2^Bits Stored), so the loop goes without bounds checks.
    private static void MapWords(ReadOnlySpan<ushort> words, byte[] table, byte[] output, int shift, int mask)
    {
        System.Diagnostics.Debug.Assert(table.Length == mask + 1 && output.Length >= words.Length);
        ref var tableStart = ref System.Runtime.InteropServices.MemoryMarshal.GetArrayDataReference(table);
        ref var outputStart = ref System.Runtime.InteropServices.MemoryMarshal.GetArrayDataReference(output);
        ref var wordStart = ref System.Runtime.InteropServices.MemoryMarshal.GetReference(words);
        for (nint i = 0; i < words.Length; i++)
            System.Runtime.CompilerServices.Unsafe.Add(ref outputStart, i) =
                System.Runtime.CompilerServices.Unsafe.Add(ref tableStart, (System.Runtime.CompilerServices.Unsafe.Add(ref wordStart, i) >> shift) & mask);
    }

    private static byte[] BuildTable(StoredValues stored, GrayscaleTransforms transforms, VoiMapper voi)
    {
        var table = new byte[1 << stored.Bits];
        byte At(long value) => ToByte(voi.Map(transforms.Modality(value)), transforms.Inverse);
        var min = stored.Signed ? -(1L << (stored.Bits - 1)) : 0;
        var max = min + table.Length - 1;
        if (transforms.ModalityLut is not null || !voi.IsMonotonic)
        {
            for (var v = min; v <= max; v++) table[v & stored.Mask] = At(v);
            return table;
        }
        // A rescale then a window or range is monotonic in the stored value: the table is flat below the first value
        // that differs from the lowest one and above the last that differs from the highest, so only the values
        // between are computed (a CT window of 100 over 14 bits computes ~100 entries instead of 16,384).
        var low = At(min);
        var high = At(max);
        var first = FirstDiffering(min, max, v => At(v) != low);
        var last = FirstDiffering(min, max, v => At(v) == high) - 1;
        for (var v = min; v <= max; v++)
            table[v & stored.Mask] = v < first ? low : v > last ? high : At(v);
        return table;
    }

    /// <summary>The smallest value in [min, max] where a predicate that is false then true holds; max + 1 if none.</summary>
    private static long FirstDiffering(long min, long max, Func<long, bool> holds)
    {
        long lo = min, hi = max + 1;
        while (lo < hi)
        {
            var mid = lo + (hi - lo) / 2;
            if (holds(mid)) hi = mid;
            else lo = mid + 1;
        }
        return lo;
    }

    private static void MarkSeen(ReadOnlySpan<byte> samples, StoredValues stored, int pixels, bool[] seen)
    {
        var mask = (int)stored.Mask;
        var shift = stored.Shift;
        if (stored.Width == 1)
            for (var i = 0; i < pixels; i++) seen[(samples[i] >> shift) & mask] = true;
        else
        {
            var words = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, ushort>(samples[..(pixels * 2)]);
            for (var i = 0; i < words.Length; i++) seen[(words[i] >> shift) & mask] = true;
        }
    }

    private static byte[] RenderDirect(DecodedFrame frame, StoredValues stored, GrayscaleTransforms transforms, WindowChoice choice)
    {
        var pixels = frame.Format.PixelCount;
        var values = new double[pixels];
        for (var i = 0; i < pixels; i++) values[i] = transforms.Modality(stored.Read(frame.Samples, i));
        var voi = ChooseVoi(transforms, choice, () => (values.Min(), values.Max()));
        var output = new byte[pixels];
        for (var i = 0; i < pixels; i++) output[i] = ToByte(voi.Map(values[i]), transforms.Inverse);
        return output;
    }

    private static VoiMapper ChooseVoi(GrayscaleTransforms transforms, WindowChoice choice, Func<(double Min, double Max)> range)
    {
        switch (choice)
        {
            case WindowChoice.Explicit e:
                return VoiMapper.ForWindow(new Window(e.Center, e.Width, VoiFunction.Linear));
            case WindowChoice.MinMax:
                break;
            default:
                if (transforms.Windows.Count > 0) return VoiMapper.ForWindow(transforms.Windows[0]);
                if (transforms.VoiLut is { } lut) return VoiMapper.ForLut(lut);
                if (choice is WindowChoice.FileOnly) throw new PixelDataException("the file has no window and no VOI LUT");
                break;
        }
        var (min, max) = range();
        // Like dcmtk, a SIGMOID VOI LUT Function also shapes the min-max window.
        return transforms.Function == VoiFunction.Sigmoid && max > min
            ? VoiMapper.ForWindow(new Window((min + max) / 2, max - min, VoiFunction.Sigmoid))
            : VoiMapper.ForRange(min, max);
    }

    private static byte ToByte(double y, bool inverse)
    {
        if (inverse) y = 1 - y;
        return (byte)Math.Round(Math.Clamp(y, 0, 1) * 255);
    }
}
