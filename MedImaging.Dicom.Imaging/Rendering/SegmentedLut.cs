using MedImaging.Dicom.Imaging.Pixels;

namespace MedImaging.Dicom.Imaging.Rendering;

/// <summary>Expands a segmented palette LUT (PS3.3 C.7.9.2): discrete, linear and indirect segments.</summary>
public static class SegmentedLut
{
    private const int MaxIndirection = 8;

    public static int[] Expand(ReadOnlySpan<ushort> data, int count)
    {
        var output = new List<int>(count);
        ExpandRange(data, 0, data.Length, output, count, 0);
        if (output.Count < count) throw new PixelDataException($"segmented LUT expands to {output.Count} entries, expected {count}");
        return output.Take(count).ToArray();
    }

    private static void ExpandRange(ReadOnlySpan<ushort> data, int start, int end, List<int> output, int count, int depth)
    {
        var i = start;
        while (i + 1 < end && output.Count < count)
        {
            int opcode = data[i], length = data[i + 1];
            i += 2;
            switch (opcode)
            {
                case 0:
                    if (i + length > end) throw new PixelDataException("discrete segment runs past the LUT data");
                    for (var k = 0; k < length; k++) output.Add(data[i + k]);
                    i += length;
                    break;
                case 1:
                    if (output.Count == 0 || i >= end) throw new PixelDataException("linear segment without a previous value");
                    var from = output[^1];
                    int to = data[i++];
                    for (var k = 1; k <= length; k++) output.Add(from + (int)Math.Round((to - from) * (double)k / length));
                    break;
                case 2:
                    if (depth >= MaxIndirection || i + 1 >= end) throw new PixelDataException("indirect segment nesting too deep or truncated");
                    var offset = data[i] | data[i + 1] << 16;
                    i += 2;
                    var position = offset; // counted in 16-bit words from the start of the data, as gdcm reads it
                    for (var s = 0; s < length && position + 1 < data.Length; s++)
                    {
                        var segmentEnd = position + SegmentLength(data, position);
                        ExpandRange(data, position, Math.Min(segmentEnd, data.Length), output, count, depth + 1);
                        position = segmentEnd;
                    }
                    break;
                default:
                    throw new PixelDataException($"segmented LUT opcode {opcode} is not defined");
            }
        }
    }

    private static int SegmentLength(ReadOnlySpan<ushort> data, int position) => data[position] switch
    {
        0 => 2 + data[position + 1],
        1 => 3,
        _ => 4,
    };
}
