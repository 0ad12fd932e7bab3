using System.Buffers.Binary;

namespace MedImaging.Pipeline.Metadata;

/// <summary>
/// Rewrites a JPEG's marker segments without re-encoding: APP1..APP15 (EXIF, XMP, ICC profiles, IPTC/Photoshop, vendor
/// data) and COM segments are dropped, and so is anything after EOI. Kept: the JFIF APP0 header (rewritten without its
/// thumbnail, a second copy of the picture), the Adobe APP14 segment (12 bytes of flags that tell a decoder whether the
/// components are RGB, YCbCr or YCCK, so dropping it could change the decoded colours), and every table, frame and
/// scan segment with the entropy-coded data byte for byte. ICC profiles (APP2) are dropped: their text tags are free
/// text, and decoders produce the same samples without them (colour management falls back to sRGB).
/// </summary>
public static class JpegMetadataStripper
{
    private const string Format = "JPEG";
    private const byte Marker = 0xFF;
    private const byte StartOfImage = 0xD8;
    private const byte EndOfImage = 0xD9;
    private const byte StartOfScan = 0xDA;
    private const byte App0 = 0xE0;
    private const byte App14 = 0xEE;
    private const byte App15 = 0xEF;
    private const byte Comment = 0xFE;
    private const int AdobeSegmentLength = 14;

    private static ReadOnlySpan<byte> JfifIdentifier => "JFIF\0"u8;
    private static ReadOnlySpan<byte> AdobeIdentifier => "Adobe"u8;

    public static StrippedImage Strip(ReadOnlySpan<byte> jpeg)
    {
        if (jpeg.Length < 4 || jpeg[0] != Marker || jpeg[1] != StartOfImage)
            throw new MalformedImageException(Format, 0, "no SOI marker");
        // Never larger than the input: segments are copied or dropped, and the JFIF header only shrinks.
        var output = new byte[jpeg.Length];
        var writer = new SegmentWriter(output);
        writer.Write(jpeg[..2]);
        var removed = new Dictionary<string, int>(StringComparer.Ordinal);
        var position = 2;
        var scans = 0;
        while (true)
        {
            if (position >= jpeg.Length) throw new MalformedImageException(Format, position, "truncated before EOI");
            if (jpeg[position] != Marker) throw new MalformedImageException(Format, position, "expected a marker");
            var markerStart = position;
            while (position < jpeg.Length && jpeg[position] == Marker) position++; // fill bytes
            if (position >= jpeg.Length) throw new MalformedImageException(Format, markerStart, "truncated marker");
            var marker = jpeg[position++];
            if (marker == EndOfImage)
            {
                if (scans == 0) throw new MalformedImageException(Format, markerStart, "EOI before any scan");
                writer.Write([Marker, EndOfImage]);
                break;
            }
            if (marker is 0x00 or StartOfImage) throw new MalformedImageException(Format, markerStart, $"unexpected marker 0x{marker:X2}");
            if (marker is >= 0xD0 and <= 0xD7 or 0x01)
            {
                writer.Write([Marker, marker]); // standalone: RSTn, TEM
                continue;
            }

            if (jpeg.Length - position < 2) throw new MalformedImageException(Format, position, "truncated segment length");
            int length = BinaryPrimitives.ReadUInt16BigEndian(jpeg[position..]);
            // The length counts its own two bytes; checked against what remains before the segment is touched.
            if (length < 2 || length > jpeg.Length - position)
                throw new MalformedImageException(Format, position, $"segment length {length} exceeds the {jpeg.Length - position} bytes left");
            var payload = jpeg.Slice(position + 2, length - 2);
            var segmentEnd = position + length;

            if (marker == App0 && payload.StartsWith(JfifIdentifier) && payload.Length >= 14)
            {
                // Identifier, version (2), units (1), densities (2 + 2), then a 0x0 thumbnail.
                writer.Write([Marker, App0, 0, 16]);
                writer.Write(payload[..12]);
                writer.Write([0, 0]);
                if (payload.Length > 14) Count(removed, "JFIF-thumbnail");
            }
            else if (marker == App14 && length == AdobeSegmentLength && payload.StartsWith(AdobeIdentifier))
            {
                writer.Write(jpeg[markerStart..segmentEnd]);
            }
            else if (marker is >= App0 and <= App15)
            {
                Count(removed, $"APP{marker - App0}");
            }
            else if (marker == Comment)
            {
                Count(removed, "COM");
            }
            else
            {
                writer.Write([Marker, marker]);
                writer.Write(jpeg[position..segmentEnd]);
            }
            position = segmentEnd;

            if (marker == StartOfScan)
            {
                scans++;
                var scanEnd = EndOfEntropyCodedData(jpeg, position);
                writer.Write(jpeg[position..scanEnd]);
                position = scanEnd;
            }
        }
        if (position < jpeg.Length) Count(removed, "trailer");
        return new StrippedImage(output.AsMemory(0, writer.Written), removed);
    }

    // Entropy-coded data runs until a marker other than a stuffed 0xFF00 or a restart marker RSTn.
    private static int EndOfEntropyCodedData(ReadOnlySpan<byte> jpeg, int start)
    {
        var position = start;
        while (true)
        {
            var next = jpeg[position..].IndexOf(Marker);
            if (next < 0) throw new MalformedImageException(Format, jpeg.Length, "scan data runs to the end without EOI");
            position += next;
            var after = position + 1;
            while (after < jpeg.Length && jpeg[after] == Marker) after++;
            if (after >= jpeg.Length) throw new MalformedImageException(Format, position, "truncated marker in scan data");
            var code = jpeg[after];
            if (code == 0x00 || code is >= 0xD0 and <= 0xD7)
            {
                position = after + 1;
                continue;
            }
            return position;
        }
    }

    private static void Count(Dictionary<string, int> removed, string name) => removed[name] = removed.GetValueOrDefault(name) + 1;

    private ref struct SegmentWriter(Span<byte> output)
    {
        private readonly Span<byte> _output = output;

        public int Written { get; private set; }

        public void Write(scoped ReadOnlySpan<byte> bytes)
        {
            bytes.CopyTo(_output[Written..]);
            Written += bytes.Length;
        }
    }
}
