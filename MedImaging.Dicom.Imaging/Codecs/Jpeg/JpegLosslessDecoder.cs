namespace MedImaging.Dicom.Imaging.Codecs.Jpeg;

/// <summary>
/// JPEG lossless, process 14 (T.81 Annex H, SOF3, Huffman): predictors 1-7 and point transform,
/// interleaved scans of full-resolution components or one scan per component. TS .57 and .70 (SV1).
/// </summary>
internal static class JpegLosslessDecoder
{
    /// <summary>Decodes into one plane per component, values already shifted left by the point transform.</summary>
    public static ushort[][] Decode(ReadOnlySpan<byte> data, JpegFrameHeader expectedFrame)
    {
        var stream = new JpegStream();
        ushort[][]? planes = null;
        stream.Walk(data, stopAtFrame: false, (s, scan, bytes, position) =>
        {
            var frame = s.Frame!;
            planes ??= frame.Components.Select(_ => new ushort[checked(frame.Width * frame.Height)]).ToArray();
            return DecodeScan(s, frame, scan, bytes, position, planes);
        });
        if (planes is null) throw new CodecException(JpegStream.Codec, "no scan found");
        return planes;
    }

    private static int DecodeScan(JpegStream stream, JpegFrameHeader frame, JpegScanHeader scan, ReadOnlySpan<byte> data, int position, ushort[][] planes)
    {
        var predictor = scan.SpectralStart;
        var pointTransform = scan.ApproximationLow;
        if (predictor is < 1 or > 7) throw new CodecException(JpegStream.Codec, $"invalid lossless predictor {predictor}");
        if (pointTransform >= frame.Precision) throw new CodecException(JpegStream.Codec, $"invalid point transform {pointTransform}");
        if (scan.Components.Any(c => frame.Components[c.ComponentIndex] is { H: not 1 } or { V: not 1 }))
            throw new CodecException(JpegStream.Codec, "subsampled lossless components are not supported");

        var count = scan.Components.Count;
        var tables = new HuffmanTable[count];
        var targets = new ushort[count][];
        for (var i = 0; i < count; i++)
        {
            tables[i] = stream.DcTables[scan.Components[i].DcTable] ?? throw new CodecException(JpegStream.Codec, "scan uses an undefined Huffman table");
            targets[i] = planes[scan.Components[i].ComponentIndex];
        }

        int width = frame.Width, height = frame.Height;
        var initial = 1 << (frame.Precision - pointTransform - 1);
        var mask = (1 << (frame.Precision - pointTransform)) - 1;
        var restartInterval = stream.RestartInterval;
        var untilRestart = restartInterval;
        var reader = new JpegBitReader(data, position);
        var intervalStartRow = 0;
        var intervalStartColumn = 0;

        for (var y = 0; y < height; y++)
        {
            var row = y * width;
            for (var x = 0; x < width; x++)
            {
                if (restartInterval > 0)
                {
                    if (untilRestart == 0)
                    {
                        reader.Restart();
                        untilRestart = restartInterval;
                        intervalStartRow = y;
                        intervalStartColumn = x;
                    }
                    untilRestart--;
                }
                for (var c = 0; c < count; c++)
                {
                    var plane = targets[c];
                    int prediction;
                    if (y == intervalStartRow && x == intervalStartColumn) prediction = initial;
                    else if (y == intervalStartRow) prediction = plane[row + x - 1];
                    else if (x == 0) prediction = plane[row - width];
                    else
                    {
                        int ra = plane[row + x - 1], rb = plane[row - width + x], rc = plane[row - width + x - 1];
                        prediction = predictor switch
                        {
                            1 => ra,
                            2 => rb,
                            3 => rc,
                            4 => ra + rb - rc,
                            5 => ra + ((rb - rc) >> 1),
                            6 => rb + ((ra - rc) >> 1),
                            _ => (ra + rb) >> 1,
                        };
                    }
                    var difference = reader.ReceiveExtend(reader.Decode(tables[c]));
                    plane[row + x] = (ushort)((prediction + difference) & mask);
                }
            }
        }
        if (reader.ConsumedPadding > 8) throw new CodecException(JpegStream.Codec, "compressed data ends before the image is complete");

        if (pointTransform > 0)
            foreach (var plane in targets)
                for (var i = 0; i < plane.Length; i++) plane[i] = (ushort)(plane[i] << pointTransform);
        return reader.FindNextMarker();
    }
}
