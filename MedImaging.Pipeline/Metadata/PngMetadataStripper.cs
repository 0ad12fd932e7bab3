using System.Buffers.Binary;

namespace MedImaging.Pipeline.Metadata;

/// <summary>
/// Rewrites a PNG without its text (tEXt, zTXt, iTXt), EXIF (eXIf) and modification time (tIME) chunks, and without
/// anything after IEND. Every other chunk is copied byte for byte with its CRC, so the pixels are untouched.
/// </summary>
public static class PngMetadataStripper
{
    private const string Format = "PNG";
    private const int ChunkOverhead = 12; // length, type, CRC
    private static readonly HashSet<string> Dropped = new(StringComparer.Ordinal) { "tEXt", "zTXt", "iTXt", "eXIf", "tIME" };

    public static ReadOnlySpan<byte> Signature => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    public static StrippedImage Strip(ReadOnlySpan<byte> png)
    {
        if (png.Length < Signature.Length || !png[..Signature.Length].SequenceEqual(Signature))
            throw new MalformedImageException(Format, 0, "no PNG signature");
        var output = new byte[png.Length];
        Signature.CopyTo(output);
        var written = Signature.Length;
        var removed = new Dictionary<string, int>(StringComparer.Ordinal);
        var position = Signature.Length;
        var first = true;
        while (true)
        {
            var remaining = png.Length - position;
            if (remaining < ChunkOverhead) throw new MalformedImageException(Format, position, "truncated before IEND");
            var length = BinaryPrimitives.ReadUInt32BigEndian(png[position..]);
            // Checked against what remains before anything is sliced (PNG caps lengths at 2^31 - 1).
            if (length > int.MaxValue || length > remaining - ChunkOverhead)
                throw new MalformedImageException(Format, position, $"chunk length {length} exceeds the {remaining - ChunkOverhead} bytes left");
            var typeBytes = png.Slice(position + 4, 4);
            foreach (var b in typeBytes)
                if (!char.IsAsciiLetter((char)b)) throw new MalformedImageException(Format, position + 4, "chunk type is not four letters");
            var type = System.Text.Encoding.ASCII.GetString(typeBytes);
            if (first && type != "IHDR") throw new MalformedImageException(Format, position, "the first chunk is not IHDR");
            first = false;

            var size = ChunkOverhead + (int)length;
            if (Dropped.Contains(type))
            {
                removed[type] = removed.GetValueOrDefault(type) + 1;
            }
            else
            {
                png.Slice(position, size).CopyTo(output.AsSpan(written));
                written += size;
            }
            position += size;
            if (type == "IEND") break;
        }
        if (position < png.Length) removed["trailer"] = 1;
        return new StrippedImage(output.AsMemory(0, written), removed);
    }
}
