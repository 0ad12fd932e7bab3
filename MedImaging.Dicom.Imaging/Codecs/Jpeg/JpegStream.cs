using System.Buffers.Binary;

namespace MedImaging.Dicom.Imaging.Codecs.Jpeg;

/// <summary>
/// Walks the markers of a JPEG stream, collecting tables and the frame header, and hands each scan's
/// entropy-coded data to a callback that returns where the scan's data ended.
/// </summary>
internal sealed class JpegStream
{
    public const string Codec = "JPEG";

    public HuffmanTable?[] DcTables { get; } = new HuffmanTable?[4];
    public HuffmanTable?[] AcTables { get; } = new HuffmanTable?[4];
    public ushort[]?[] QuantizationTables { get; } = new ushort[]?[4];
    public JpegFrameHeader? Frame { get; private set; }
    public int RestartInterval { get; private set; }

    /// <summary>An APP0 "JFIF" segment came before the frame (JFIF implies YCbCr).</summary>
    public bool SawJfif { get; private set; }

    /// <summary>The colour transform flag of an APP14 "Adobe" segment (0: none, 1: YCbCr), or null without one.</summary>
    public int? AdobeTransform { get; private set; }

    public delegate int ScanDecoder(JpegStream stream, JpegScanHeader scan, ReadOnlySpan<byte> data, int position);

    /// <summary>Reads only up to the frame header (SOFn) and returns it.</summary>
    public static JpegFrameHeader ReadFrameHeader(ReadOnlySpan<byte> data) => ReadHeader(data).Frame!;

    /// <summary>Reads up to the frame header (SOFn): the markers before it and the frame.</summary>
    public static JpegStream ReadHeader(ReadOnlySpan<byte> data)
    {
        var stream = new JpegStream();
        stream.Walk(data, stopAtFrame: true, null);
        if (stream.Frame is null) throw new CodecException(Codec, "no frame header (SOF) found");
        return stream;
    }

    public void Walk(ReadOnlySpan<byte> data, bool stopAtFrame, ScanDecoder? onScan)
    {
        if (data.Length < 4 || data[0] != 0xFF || data[1] != 0xD8) throw new CodecException(Codec, "data does not start with a JPEG SOI marker");
        var position = 2;
        var scans = 0;
        while (true)
        {
            while (position < data.Length && data[position] != 0xFF) position++; // tolerate junk between segments
            while (position + 1 < data.Length && data[position + 1] == 0xFF) position++;
            if (position + 1 >= data.Length)
            {
                if (scans > 0) return; // missing EOI is tolerated once image data was read
                throw new CodecException(Codec, "data ends before any image data");
            }
            var marker = data[position + 1];
            position += 2;
            if (marker == 0xD9) return;
            if (marker is >= 0xD0 and <= 0xD7 or 0x01) continue;
            if (position + 2 > data.Length) throw new CodecException(Codec, $"marker 0xFF{marker:X2} is truncated");
            var length = BinaryPrimitives.ReadUInt16BigEndian(data[position..]);
            if (length < 2 || position + length > data.Length)
                throw new CodecException(Codec, $"segment 0xFF{marker:X2} length {length} runs past the end of the data");
            var segment = data.Slice(position + 2, length - 2);
            position += length;
            switch (marker)
            {
                case 0xE0 when segment.StartsWith("JFIF\0"u8): SawJfif = true; break;
                case 0xEE when segment.Length >= 12 && segment.StartsWith("Adobe"u8): AdobeTransform = segment[11]; break;
                case 0xC4: ReadHuffmanTables(segment); break;
                case 0xDB: ReadQuantizationTables(segment); break;
                case 0xDD:
                    if (segment.Length < 2) throw new CodecException(Codec, "DRI segment too short");
                    RestartInterval = BinaryPrimitives.ReadUInt16BigEndian(segment);
                    break;
                case 0xC0 or 0xC1 or 0xC2 or 0xC3 or 0xC5 or 0xC6 or 0xC7 or 0xC9 or 0xCA or 0xCB or 0xCD or 0xCE or 0xCF:
                    if (Frame is not null) throw new CodecException(Codec, "more than one frame header");
                    Frame = ReadFrame(marker, segment);
                    if (stopAtFrame) return;
                    break;
                case 0xDA:
                    if (Frame is null) throw new CodecException(Codec, "scan before frame header");
                    var scan = ReadScan(segment, Frame);
                    if (onScan is null) return;
                    position = onScan(this, scan, data, position);
                    scans++;
                    break;
            }
        }
    }

    private void ReadHuffmanTables(ReadOnlySpan<byte> segment)
    {
        while (segment.Length > 0)
        {
            if (segment.Length < 17) throw new CodecException(Codec, "DHT segment too short");
            var tableClass = segment[0] >> 4;
            var id = segment[0] & 15;
            if (tableClass > 1 || id > 3) throw new CodecException(Codec, $"invalid Huffman table id 0x{segment[0]:X2}");
            var counts = segment.Slice(1, 16);
            var total = 0;
            foreach (var c in counts) total += c;
            if (total > 256 || 17 + total > segment.Length) throw new CodecException(Codec, "DHT symbol count runs past the segment");
            var table = new HuffmanTable(counts, segment.Slice(17, total));
            (tableClass == 0 ? DcTables : AcTables)[id] = table;
            segment = segment[(17 + total)..];
        }
    }

    private void ReadQuantizationTables(ReadOnlySpan<byte> segment)
    {
        while (segment.Length > 0)
        {
            var precision = segment[0] >> 4;
            var id = segment[0] & 15;
            var size = precision == 0 ? 64 : 128;
            if (id > 3 || precision > 1 || segment.Length < 1 + size) throw new CodecException(Codec, "invalid DQT segment");
            var table = new ushort[64];
            for (var i = 0; i < 64; i++)
                table[i] = precision == 0 ? segment[1 + i] : BinaryPrimitives.ReadUInt16BigEndian(segment[(1 + 2 * i)..]);
            QuantizationTables[id] = table;
            segment = segment[(1 + size)..];
        }
    }

    private static JpegFrameHeader ReadFrame(int marker, ReadOnlySpan<byte> segment)
    {
        if (segment.Length < 6) throw new CodecException(Codec, "SOF segment too short");
        var count = segment[5];
        if (count is < 1 or > 4 || segment.Length < 6 + 3 * count) throw new CodecException(Codec, $"SOF lists {count} components");
        var components = new JpegComponent[count];
        for (var i = 0; i < count; i++)
        {
            var c = segment.Slice(6 + 3 * i, 3);
            int h = c[1] >> 4, v = c[1] & 15;
            if (h is < 1 or > 4 || v is < 1 or > 4 || c[2] > 3) throw new CodecException(Codec, "invalid component sampling or table");
            components[i] = new JpegComponent(c[0], h, v, c[2]);
        }
        var frame = new JpegFrameHeader(marker, segment[0], BinaryPrimitives.ReadUInt16BigEndian(segment[1..]),
            BinaryPrimitives.ReadUInt16BigEndian(segment[3..]), components);
        if (frame.Width == 0 || frame.Height == 0) throw new CodecException(Codec, "frame size is zero (DNL not supported)");
        if (frame.Precision is < 2 or > 16) throw new CodecException(Codec, $"invalid sample precision {frame.Precision}");
        return frame;
    }

    private static JpegScanHeader ReadScan(ReadOnlySpan<byte> segment, JpegFrameHeader frame)
    {
        if (segment.Length < 1) throw new CodecException(Codec, "SOS segment too short");
        var count = segment[0];
        if (count is < 1 or > 4 || segment.Length < 1 + 2 * count + 3) throw new CodecException(Codec, $"SOS lists {count} components");
        var components = new JpegScanComponent[count];
        for (var i = 0; i < count; i++)
        {
            var id = segment[1 + 2 * i];
            var index = -1;
            for (var k = 0; k < frame.Components.Count; k++) if (frame.Components[k].Id == id) index = k;
            if (index < 0) throw new CodecException(Codec, $"scan refers to unknown component {id}");
            var tables = segment[2 + 2 * i];
            if ((tables >> 4) > 3 || (tables & 15) > 3) throw new CodecException(Codec, "invalid scan table selector");
            components[i] = new JpegScanComponent(index, tables >> 4, tables & 15);
        }
        var tail = segment[(1 + 2 * count)..];
        return new JpegScanHeader(components, tail[0], tail[1], tail[2] >> 4, tail[2] & 15);
    }
}
