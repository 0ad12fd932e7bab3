using System.Buffers.Binary;

namespace MedImaging.Dicom.Imaging.Codecs.JpegLs;

/// <summary>
/// Walks the marker structure of a JPEG-LS stream (T.87) before it is handed to CharLS: every segment
/// fits, the frame header precedes the scans, each scan's entropy-coded data ends at a marker, and the
/// stream ends with EOI. CharLS 2.4 spends tens of seconds on a scan that runs out of data (measured:
/// ~22 s for a truncated 64x64 frame), so a stream that cannot be complete is refused here.
/// </summary>
public static class JpegLsStreamValidator
{
    private const string Codec = "JPEG-LS";

    public static void Validate(ReadOnlySpan<byte> data, int maxScans)
    {
        if (data.Length < 4 || data[0] != 0xFF || data[1] != 0xD8) throw new CodecException(Codec, "data does not start with a JPEG SOI marker");
        var position = 2;
        var frameSeen = false;
        var restartsAllowed = false;
        var scans = 0;
        while (true)
        {
            if (position >= data.Length || data[position] != 0xFF)
                throw new CodecException(Codec, $"expected a marker at byte {position} (data truncated or corrupt)");
            while (position + 1 < data.Length && data[position + 1] == 0xFF) position++;
            if (position + 1 >= data.Length) throw new CodecException(Codec, "data ends inside a marker");
            var marker = data[position + 1];
            position += 2;
            if (marker == 0xD9)
            {
                if (scans == 0) throw new CodecException(Codec, "EOI before any scan");
                foreach (var b in data[position..])
                    if (b != 0) throw new CodecException(Codec, $"{data.Length - position} bytes follow the EOI marker");
                return;
            }
            if (!IsSegmentMarker(marker)) throw new CodecException(Codec, $"unexpected marker 0xFF{marker:X2} at byte {position - 2}");
            if (position + 2 > data.Length) throw new CodecException(Codec, $"marker 0xFF{marker:X2} is truncated");
            var length = BinaryPrimitives.ReadUInt16BigEndian(data[position..]);
            if (length < 2 || position + length > data.Length)
                throw new CodecException(Codec, $"segment 0xFF{marker:X2} length {length} runs past the end of the data");
            position += length;
            switch (marker)
            {
                case 0xF7:
                    if (frameSeen) throw new CodecException(Codec, "more than one frame header");
                    frameSeen = true;
                    break;
                case 0xDD:
                    restartsAllowed = true;
                    break;
                case 0xDA:
                    if (!frameSeen) throw new CodecException(Codec, "scan before the frame header");
                    if (++scans > maxScans) throw new CodecException(Codec, $"more than {maxScans} scans");
                    position = EndOfScan(data, position, restartsAllowed);
                    break;
            }
        }
    }

    private static bool IsSegmentMarker(byte marker) =>
        marker is 0xF7 or 0xF8 or 0xDA or 0xDC or 0xDD or 0xFE or (>= 0xE0 and <= 0xEF);

    /// <summary>
    /// Entropy-coded data ends at the first 0xFF followed by a byte with its high bit set (T.87 9.1:
    /// after 0xFF the encoder stuffs a 0 bit); restart markers are part of the scan.
    /// </summary>
    private static int EndOfScan(ReadOnlySpan<byte> data, int position, bool restartsAllowed)
    {
        for (var p = position; p + 1 < data.Length; p++)
        {
            if (data[p] != 0xFF || data[p + 1] < 0x80) continue;
            if (data[p + 1] is >= 0xD0 and <= 0xD7 && restartsAllowed) { p++; continue; }
            return p;
        }
        throw new CodecException(Codec, "scan data is truncated: no marker ends it");
    }
}
