using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace MedImaging.Testing;

/// <summary>
/// Hostile but well-formed-looking DICOM files, written byte by byte (not with the library under test): deflate bombs,
/// a Pixel Data length beyond the file, headers with very many elements.
/// </summary>
public static class HostileDicom
{
    public const string StudyUid = "1.2.826.0.1.3680043.10.543.21.1";
    public const string SopInstanceUid = "1.2.826.0.1.3680043.10.543.21.1.1";
    private const string SecondaryCapture = "1.2.840.10008.5.1.4.1.1.7";
    private const string ExplicitLittle = "1.2.840.10008.1.2.1";
    private const string Deflated = "1.2.840.10008.1.2.1.99";

    /// <summary>
    /// A Deflated Explicit VR Little Endian file whose private OB values, before the Study Instance UID, inflate to
    /// <paramref name="inflatedBytes"/> zeros: one value declaring the whole length, or honest values of at most
    /// <paramref name="valueBytes"/> each.
    /// </summary>
    public static byte[] DeflateBomb(long inflatedBytes, long valueBytes = uint.MaxValue - 1)
    {
        var output = new MemoryStream();
        WriteMeta(output, Deflated, SopInstanceUid);
        // Deflate segments ending in a sync flush concatenate into one stream, so a MiB of zeros is compressed once
        // and repeated: ~1 KB per MiB, as a bomb's author would do it.
        var elements = new MemoryStream();
        WriteElement(elements, 0x0008, 0x0016, "UI", Uid(SecondaryCapture));
        WriteElement(elements, 0x0008, 0x0018, "UI", Uid(SopInstanceUid));
        WriteElement(elements, 0x0009, 0x0010, "LO", Encoding.ASCII.GetBytes("HOSTILE "));
        var mebibyteOfZeros = Segment(new byte[1 << 20]);
        var element = (ushort)0x1000;
        for (var left = inflatedBytes; left > 0; element++)
        {
            var length = Math.Min(left, valueBytes) & ~1L;
            if (length == 0) break;
            WriteHeader(elements, 0x0009, element, "OB", (uint)length);
            output.Write(Segment(elements.ToArray()));
            elements.SetLength(0);
            for (var done = 0L; done < length; done += 1 << 20)
                output.Write(length - done >= 1 << 20 ? mebibyteOfZeros : Segment(new byte[length - done]));
            left -= length;
        }
        WriteElement(elements, 0x0020, 0x000D, "UI", Uid(StudyUid));
        using (var last = new DeflateStream(output, CompressionLevel.SmallestSize, leaveOpen: true))
            last.Write(elements.ToArray());
        return output.ToArray();
    }

    // The deflated bytes of data, ending in a sync flush (no final block).
    private static byte[] Segment(byte[] data)
    {
        var segment = new MemoryStream();
        var deflate = new DeflateStream(segment, CompressionLevel.SmallestSize, leaveOpen: true);
        deflate.Write(data);
        deflate.Flush();
        var bytes = segment.ToArray();
        deflate.Dispose();
        return bytes;
    }

    /// <summary>An Explicit VR Little Endian file whose Pixel Data declares <paramref name="declared"/> bytes but carries <paramref name="present"/>.</summary>
    public static byte[] PixelDataLongerThanFile(uint declared = 0xFFFFFFF0, int present = 1024)
    {
        var output = new MemoryStream();
        WriteMeta(output, ExplicitLittle, SopInstanceUid);
        WriteElement(output, 0x0008, 0x0016, "UI", Uid(SecondaryCapture));
        WriteElement(output, 0x0008, 0x0018, "UI", Uid(SopInstanceUid));
        WriteElement(output, 0x0020, 0x000D, "UI", Uid(StudyUid));
        WriteHeader(output, 0x7FE0, 0x0010, "OW", declared);
        output.Write(new byte[present]);
        return output.ToArray();
    }

    /// <summary>
    /// An Explicit VR Little Endian file with <paramref name="privateElements"/> private OB elements of
    /// <paramref name="valueBytes"/> each in odd groups from 0009 (240 blocks of 256 per group), the first 737,280
    /// before the Study Instance UID (so a reader must pass them to find it) and the rest after it, then 1 KB of Pixel Data.
    /// </summary>
    public static byte[] ManyElements(int privateElements, int valueBytes = 2)
    {
        const int perGroup = 240 * 256;
        var output = new MemoryStream();
        WriteMeta(output, ExplicitLittle, SopInstanceUid);
        WriteElement(output, 0x0008, 0x0016, "UI", Uid(SecondaryCapture));
        WriteElement(output, 0x0008, 0x0018, "UI", Uid(SopInstanceUid));
        var value = new byte[valueBytes + valueBytes % 2];
        var studyWritten = false;
        for (var group = 0; group * perGroup < privateElements; group++)
        {
            var groupNumber = (ushort)(0x0009 + 2 * group);
            if (groupNumber > 0x0020 && !studyWritten)
            {
                WriteElement(output, 0x0020, 0x000D, "UI", Uid(StudyUid));
                studyWritten = true;
            }
            var inGroup = Math.Min(perGroup, privateElements - group * perGroup);
            // Creators (gggg,0010..00FF) first, as tags sort, then each block's elements.
            for (var b = 0; b * 256 < inGroup; b++)
                WriteElement(output, groupNumber, (ushort)(0x10 + b), "LO", Encoding.ASCII.GetBytes($"BLOCK{b:D3}"));
            for (var i = 0; i < inGroup; i++)
            {
                value[0] = (byte)i;
                WriteElement(output, groupNumber, (ushort)(((0x10 + i / 256) << 8) | (i % 256)), "OB", value);
            }
        }
        if (!studyWritten) WriteElement(output, 0x0020, 0x000D, "UI", Uid(StudyUid));
        WriteHeader(output, 0x7FE0, 0x0010, "OW", 1024);
        output.Write(new byte[1024]);
        return output.ToArray();
    }

    private static void WriteMeta(Stream output, string transferSyntax, string sopInstance)
    {
        output.Write(new byte[128]);
        output.Write("DICM"u8);
        var meta = new MemoryStream();
        WriteElement(meta, 0x0002, 0x0001, "OB", [0, 1]);
        WriteElement(meta, 0x0002, 0x0002, "UI", Uid(SecondaryCapture));
        WriteElement(meta, 0x0002, 0x0003, "UI", Uid(sopInstance));
        WriteElement(meta, 0x0002, 0x0010, "UI", Uid(transferSyntax));
        WriteElement(meta, 0x0002, 0x0012, "UI", Uid("1.2.826.0.1.3680043.10.543.1"));
        var length = new byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(length, (uint)meta.Length);
        WriteElement(output, 0x0002, 0x0000, "UL", length);
        meta.Position = 0;
        meta.CopyTo(output);
    }

    private static byte[] Uid(string uid) => Encoding.ASCII.GetBytes(uid.Length % 2 == 0 ? uid : uid + "\0");

    private static void WriteElement(Stream output, ushort group, ushort element, string vr, byte[] value)
    {
        WriteHeader(output, group, element, vr, (uint)value.Length);
        output.Write(value);
    }

    private static void WriteHeader(Stream output, ushort group, ushort element, string vr, uint length)
    {
        Span<byte> head = stackalloc byte[12];
        BinaryPrimitives.WriteUInt16LittleEndian(head, group);
        BinaryPrimitives.WriteUInt16LittleEndian(head[2..], element);
        head[4] = (byte)vr[0];
        head[5] = (byte)vr[1];
        if (vr is "OB" or "OW" or "OF" or "OD" or "OL" or "OV" or "SQ" or "UT" or "UN" or "UC" or "UR" or "SV" or "UV")
        {
            head[6] = head[7] = 0;
            BinaryPrimitives.WriteUInt32LittleEndian(head[8..], length);
            output.Write(head);
        }
        else
        {
            BinaryPrimitives.WriteUInt16LittleEndian(head[6..], (ushort)length);
            output.Write(head[..8]);
        }
    }
}
