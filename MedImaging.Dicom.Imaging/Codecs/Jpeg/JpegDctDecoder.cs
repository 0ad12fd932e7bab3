namespace MedImaging.Dicom.Imaging.Codecs.Jpeg;

/// <summary>
/// Huffman sequential DCT (SOF0/SOF1) at 8 or 12-bit precision, for JPEG Extended 12-bit (TS .51)
/// which TurboJPEG 2.1 cannot decode. Components are returned at full resolution (replicated).
/// </summary>
internal static class JpegDctDecoder
{
    private static readonly byte[] ZigZag =
    [
        0, 1, 8, 16, 9, 2, 3, 10, 17, 24, 32, 25, 18, 11, 4, 5, 12, 19, 26, 33, 40, 48, 41, 34, 27, 20, 13, 6, 7, 14, 21, 28,
        35, 42, 49, 56, 57, 50, 43, 36, 29, 22, 15, 23, 30, 37, 44, 51, 58, 59, 52, 45, 38, 31, 39, 46, 53, 60, 61, 54, 47, 55, 62, 63,
    ];

    private sealed class ComponentPlane(int blocksPerLine, int blocksPerColumn)
    {
        public readonly int BlocksPerLine = blocksPerLine;
        public readonly int BlocksPerColumn = blocksPerColumn;
        public readonly int Stride = blocksPerLine * 8;
        public readonly ushort[] Samples = new ushort[checked(blocksPerLine * 8 * blocksPerColumn * 8)];
        public int DcPredictor;
    }

    public static ushort[][] Decode(ReadOnlySpan<byte> data)
    {
        var stream = new JpegStream();
        ComponentPlane[]? planes = null;
        stream.Walk(data, stopAtFrame: false, (s, scan, bytes, position) =>
        {
            var frame = s.Frame!;
            if (!frame.IsHuffmanSequentialDct) throw new CodecException(JpegStream.Codec, $"JPEG process SOF 0x{frame.Marker:X2} is not supported by the DCT decoder");
            planes ??= CreatePlanes(frame);
            return DecodeScan(s, frame, scan, bytes, position, planes);
        });
        if (planes is null) throw new CodecException(JpegStream.Codec, "no scan found");
        return Crop(stream.Frame!, planes);
    }

    private static ComponentPlane[] CreatePlanes(JpegFrameHeader frame)
    {
        int maxH = frame.MaxH, maxV = frame.MaxV;
        var mcusX = (frame.Width + 8 * maxH - 1) / (8 * maxH);
        var mcusY = (frame.Height + 8 * maxV - 1) / (8 * maxV);
        return frame.Components.Select(c => new ComponentPlane(mcusX * c.H, mcusY * c.V)).ToArray();
    }

    private static int DecodeScan(JpegStream stream, JpegFrameHeader frame, JpegScanHeader scan, ReadOnlySpan<byte> data, int position, ComponentPlane[] planes)
    {
        var count = scan.Components.Count;
        var dc = new HuffmanTable[count];
        var ac = new HuffmanTable[count];
        var quant = new ushort[count][];
        for (var i = 0; i < count; i++)
        {
            var sc = scan.Components[i];
            dc[i] = stream.DcTables[sc.DcTable] ?? throw new CodecException(JpegStream.Codec, "scan uses an undefined DC table");
            ac[i] = stream.AcTables[sc.AcTable] ?? throw new CodecException(JpegStream.Codec, "scan uses an undefined AC table");
            quant[i] = stream.QuantizationTables[frame.Components[sc.ComponentIndex].QuantizationTable]
                       ?? throw new CodecException(JpegStream.Codec, "component uses an undefined quantisation table");
            planes[sc.ComponentIndex].DcPredictor = 0;
        }

        var reader = new JpegBitReader(data, position);
        var levelShift = 1 << (frame.Precision - 1);
        var maxValue = (1 << frame.Precision) - 1;
        Span<int> coefficients = stackalloc int[64];
        Span<int> block = stackalloc int[64];
        var restartInterval = stream.RestartInterval;
        var untilRestart = restartInterval;

        int mcusX, mcusY;
        if (count == 1)
        {
            // Non-interleaved: the MCU is one block, covering only the component's own extent.
            var c = frame.Components[scan.Components[0].ComponentIndex];
            var width = (frame.Width * c.H + frame.MaxH - 1) / frame.MaxH;
            var height = (frame.Height * c.V + frame.MaxV - 1) / frame.MaxV;
            mcusX = (width + 7) / 8;
            mcusY = (height + 7) / 8;
        }
        else
        {
            mcusX = (frame.Width + 8 * frame.MaxH - 1) / (8 * frame.MaxH);
            mcusY = (frame.Height + 8 * frame.MaxV - 1) / (8 * frame.MaxV);
        }

        for (var my = 0; my < mcusY; my++)
            for (var mx = 0; mx < mcusX; mx++)
            {
                if (restartInterval > 0)
                {
                    if (untilRestart == 0)
                    {
                        reader.Restart();
                        untilRestart = restartInterval;
                        foreach (var sc in scan.Components) planes[sc.ComponentIndex].DcPredictor = 0;
                    }
                    untilRestart--;
                }
                for (var i = 0; i < count; i++)
                {
                    var plane = planes[scan.Components[i].ComponentIndex];
                    var component = frame.Components[scan.Components[i].ComponentIndex];
                    int blocksH = count == 1 ? 1 : component.H, blocksV = count == 1 ? 1 : component.V;
                    for (var by = 0; by < blocksV; by++)
                        for (var bx = 0; bx < blocksH; bx++)
                        {
                            DecodeBlock(ref reader, dc[i], ac[i], quant[i], plane, coefficients);
                            InverseDct.Transform(coefficients, block, levelShift, maxValue);
                            var blockX = mx * blocksH + bx;
                            var blockY = my * blocksV + by;
                            if (blockX >= plane.BlocksPerLine || blockY >= plane.BlocksPerColumn) continue;
                            var origin = blockY * 8 * plane.Stride + blockX * 8;
                            for (var y = 0; y < 8; y++)
                                for (var x = 0; x < 8; x++)
                                    plane.Samples[origin + y * plane.Stride + x] = (ushort)block[y * 8 + x];
                        }
                }
            }
        if (reader.ConsumedPadding > 8) throw new CodecException(JpegStream.Codec, "compressed data ends before the image is complete");
        return reader.FindNextMarker();
    }

    private static void DecodeBlock(ref JpegBitReader reader, HuffmanTable dc, HuffmanTable ac, ushort[] quant, ComponentPlane plane, scoped Span<int> coefficients)
    {
        coefficients.Clear();
        var t = reader.Decode(dc);
        if (t > 16) throw new CodecException(JpegStream.Codec, "invalid DC magnitude category");
        plane.DcPredictor += reader.ReceiveExtend(t);
        coefficients[0] = plane.DcPredictor * quant[0];
        for (var k = 1; k < 64;)
        {
            var rs = reader.Decode(ac);
            var run = rs >> 4;
            var size = rs & 15;
            if (size == 0)
            {
                if (run != 15) break;
                k += 16;
                continue;
            }
            k += run;
            if (k > 63) throw new CodecException(JpegStream.Codec, "AC coefficient index past 63");
            coefficients[ZigZag[k]] = reader.ReceiveExtend(size) * quant[k];
            k++;
        }
    }

    private static ushort[][] Crop(JpegFrameHeader frame, ComponentPlane[] planes)
    {
        var result = new ushort[planes.Length][];
        for (var i = 0; i < planes.Length; i++)
        {
            var c = frame.Components[i];
            var plane = planes[i];
            var output = new ushort[checked(frame.Width * frame.Height)];
            for (var y = 0; y < frame.Height; y++)
            {
                var sy = y * c.V / frame.MaxV;
                for (var x = 0; x < frame.Width; x++)
                    output[y * frame.Width + x] = plane.Samples[sy * plane.Stride + x * c.H / frame.MaxH];
            }
            result[i] = output;
        }
        return result;
    }
}
