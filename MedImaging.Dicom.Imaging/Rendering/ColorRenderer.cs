using MedImaging.Dicom.Imaging.Pixels;

namespace MedImaging.Dicom.Imaging.Rendering;

/// <summary>RGB, YBR_FULL and PALETTE COLOR frames to 8-bit RGB.</summary>
public static class ColorRenderer
{
    public static byte[] Render(DecodedFrame frame, DicomDataset dataset)
    {
        var format = frame.Format;
        return format.Photometric switch
        {
            "PALETTE COLOR" => Palette(frame, dataset),
            "RGB" => Rgb(frame, ycbcr: false),
            "YBR_FULL" => Rgb(frame, ycbcr: true),
            var other => throw new PixelDataException($"photometric interpretation {other} is not supported for rendering"),
        };
    }

    private static byte[] Rgb(DecodedFrame frame, bool ycbcr)
    {
        var format = frame.Format;
        if (format.SamplesPerPixel != 3) throw new PixelDataException($"{format.Photometric} needs 3 samples per pixel");
        var stored = new StoredValues(format with { IsSigned = false });
        var count = format.PixelCount * 3;
        var output = new byte[count];
        var down = Math.Max(0, stored.Bits - 8);
        if (stored.Width == 1 && stored.Shift == 0 && stored.Bits == 8) frame.Samples.AsSpan(0, count).CopyTo(output);
        else for (var i = 0; i < count; i++) output[i] = (byte)(stored.Pattern(frame.Samples, i) >> down << Math.Max(0, 8 - stored.Bits));
        if (ycbcr) YbrToRgb(output);
        return output;
    }

    private static void YbrToRgb(byte[] pixels)
    {
        for (var i = 0; i + 2 < pixels.Length; i += 3)
        {
            // Chroma centred on 127.5 (full-range BT.601, as dcmtk converts); 128 would shift colours by up to 2 levels from it.
            double y = pixels[i], cb = pixels[i + 1] - 127.5, cr = pixels[i + 2] - 127.5;
            pixels[i] = Clamp(y + 1.402 * cr);
            pixels[i + 1] = Clamp(y - 0.344136 * cb - 0.714136 * cr);
            pixels[i + 2] = Clamp(y + 1.772 * cb);
        }
    }

    private static byte Clamp(double v) => (byte)Math.Clamp(Math.Round(v), 0, 255);

    private static byte[] Palette(DecodedFrame frame, DicomDataset dataset)
    {
        var format = frame.Format;
        if (format.SamplesPerPixel != 1) throw new PixelDataException("PALETTE COLOR needs one sample per pixel");
        var luts = new[]
        {
            LookupTable.Read(dataset, DicomTag.RedPaletteColorLookupTableDescriptor, DicomTag.RedPaletteColorLookupTableData, DicomTag.SegmentedRedPaletteColorLookupTableData),
            LookupTable.Read(dataset, DicomTag.GreenPaletteColorLookupTableDescriptor, DicomTag.GreenPaletteColorLookupTableData, DicomTag.SegmentedGreenPaletteColorLookupTableData),
            LookupTable.Read(dataset, DicomTag.BluePaletteColorLookupTableDescriptor, DicomTag.BluePaletteColorLookupTableData, DicomTag.SegmentedBluePaletteColorLookupTableData),
        };
        if (luts.Any(l => l is null)) throw new PixelDataException("PALETTE COLOR image without complete palette LUTs");

        var stored = new StoredValues(format);
        var patterns = stored.Bits <= 16 ? 1 << stored.Bits : throw new PixelDataException("palette indices wider than 16 bits");
        var table = new byte[patterns * 3];
        for (var p = 0; p < patterns; p++)
            for (var c = 0; c < 3; c++)
            {
                var lut = luts[c]!;
                var entry = lut[stored.Value(p)];
                table[3 * p + c] = (byte)(lut.BitsPerEntry > 8 ? entry >> (lut.BitsPerEntry - 8) : entry);
            }

        var pixels = format.PixelCount;
        var output = new byte[pixels * 3];
        for (var i = 0; i < pixels; i++)
        {
            var p = (int)stored.Pattern(frame.Samples, i) * 3;
            output[3 * i] = table[p];
            output[3 * i + 1] = table[p + 1];
            output[3 * i + 2] = table[p + 2];
        }
        return output;
    }
}
