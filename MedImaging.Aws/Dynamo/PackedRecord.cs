using System.IO.Compression;

namespace MedImaging.Aws.Dynamo;

/// <summary>
/// A record's JSON packed into one binary attribute: a format byte, the JSON's length (LEB128) and the JSON as a zlib
/// stream (Deflate plus an Adler-32 of the JSON, so damaged bytes fail to unpack instead of unpacking to other text).
/// An instance item's JSON (its progress, steps and result as text) is ~6.5 KB and packs to ~1.2 KB, since it repeats
/// bucket names, UIDs and object keys; DynamoDB bills and parses the packed bytes, not the text.
/// </summary>
internal static class PackedRecord
{
    /// <summary>zlib (RFC 1950) of UTF-8 JSON.</summary>
    public const byte ZlibJson = 1;

    /// <summary>
    /// No record we write comes near this (DynamoDB stores at most 400 KB per item); a declared length above it is
    /// refused before anything is allocated for it.
    /// </summary>
    public const int MaxJsonBytes = 1 << 20;

    // Deflate cannot expand by more than ~1032:1 (zlib's header and checksum only add to the packed side), so a declared length beyond that of what is there is a lie.
    private const int MaxDeflateRatio = 1032;

    public static MemoryStream Pack(ReadOnlySpan<byte> json)
    {
        if (json.Length > MaxJsonBytes) throw new ArgumentException($"A record's JSON is limited to {MaxJsonBytes} bytes.", nameof(json));
        var packed = new MemoryStream(json.Length / 3 + 16);
        packed.WriteByte(ZlibJson);
        for (var length = (uint)json.Length; ; length >>= 7)
        {
            if (length < 0x80) { packed.WriteByte((byte)length); break; }
            packed.WriteByte((byte)(length | 0x80));
        }
        using (var deflate = new ZLibStream(packed, CompressionLevel.Optimal, leaveOpen: true)) deflate.Write(json);
        packed.Position = 0;
        return packed;
    }

    /// <exception cref="StudyItemFormatException">The bytes are not a packed record this reader knows, or are damaged.</exception>
    public static byte[] Unpack(MemoryStream packed)
    {
        var bytes = packed.TryGetBuffer(out var segment) ? segment : new ArraySegment<byte>(packed.ToArray());
        if (bytes.Count < 2) throw new StudyItemFormatException("the packed record is truncated");
        if (bytes[0] != ZlibJson) throw new StudyItemFormatException($"the packed record has unknown format {bytes[0]}");
        var (length, headerBytes) = ReadLength(bytes.AsSpan(1));
        var zlib = bytes.Count - 1 - headerBytes;
        if (length > MaxJsonBytes || length > (long)zlib * MaxDeflateRatio)
            throw new StudyItemFormatException($"the packed record declares {length} bytes of JSON from {zlib} packed bytes");
        var json = new byte[length];
        try
        {
            using var inflate = new ZLibStream(new MemoryStream(bytes.Array!, bytes.Offset + 1 + headerBytes, zlib, writable: false), CompressionMode.Decompress);
            inflate.ReadExactly(json);
            Span<byte> beyond = stackalloc byte[1];
            if (inflate.Read(beyond) != 0) throw new StudyItemFormatException("the packed record holds more JSON than it declares");
        }
        catch (Exception error) when (error is InvalidDataException or EndOfStreamException)
        {
            throw new StudyItemFormatException("the packed record's zlib data is damaged, fails its checksum or is shorter than declared", error);
        }
        return json;
    }

    private static (long Length, int HeaderBytes) ReadLength(ReadOnlySpan<byte> bytes)
    {
        long length = 0;
        for (var i = 0; i < Math.Min(bytes.Length, 5); i++)
        {
            length |= (long)(bytes[i] & 0x7F) << (7 * i);
            if (bytes[i] < 0x80) return (length, i + 1);
        }
        throw new StudyItemFormatException("the packed record's length is truncated or too long");
    }
}
