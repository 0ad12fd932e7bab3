using System.Buffers.Binary;
using System.Text;

namespace MedImaging.Testing;

/// <summary>
/// An uncompressed multi-frame Enhanced CT file of any size, written byte by byte into a stream (not with the library
/// under test) one frame at a time, so that files of gigabytes are made without holding them. Each frame differs.
/// </summary>
public static class ManyFrameDicom
{
    public const string PatientName = "DOE^JANE";
    private const string EnhancedCt = "1.2.840.10008.5.1.4.1.1.2.1";
    private const string ExplicitLittle = "1.2.840.10008.1.2.1";

    public static long FrameBytes(int side) => (long)side * side * 2;

    public static void Write(Stream output, string studyUid, string sopInstanceUid, int frames, int side = 512)
    {
        var pixelBytes = FrameBytes(side) * frames;
        if (pixelBytes > uint.MaxValue - 1) throw new ArgumentOutOfRangeException(nameof(frames), "the pixel data would not fit a 32-bit length");

        output.Write(new byte[128]);
        output.Write("DICM"u8);
        var meta = new MemoryStream();
        Element(meta, 0x0002, 0x0001, "OB", [0, 1]);
        Text(meta, 0x0002, 0x0002, "UI", EnhancedCt);
        Text(meta, 0x0002, 0x0003, "UI", sopInstanceUid);
        Text(meta, 0x0002, 0x0010, "UI", ExplicitLittle);
        Text(meta, 0x0002, 0x0012, "UI", "1.2.826.0.1.3680043.10.543.99");
        Element(output, 0x0002, 0x0000, "UL", BitConverter.GetBytes((uint)meta.Length));
        meta.WriteTo(output);

        Text(output, 0x0008, 0x0016, "UI", EnhancedCt);
        Text(output, 0x0008, 0x0018, "UI", sopInstanceUid);
        Text(output, 0x0008, 0x0060, "CS", "CT");
        Text(output, 0x0010, 0x0010, "PN", PatientName);
        Text(output, 0x0010, 0x0020, "LO", "PAT-MANY-FRAMES");
        Text(output, 0x0020, 0x000D, "UI", studyUid);
        Text(output, 0x0020, 0x000E, "UI", studyUid + ".1");
        UShort(output, 0x0028, 0x0002, 1);
        Text(output, 0x0028, 0x0004, "CS", "MONOCHROME2");
        Text(output, 0x0028, 0x0008, "IS", frames.ToString(System.Globalization.CultureInfo.InvariantCulture));
        UShort(output, 0x0028, 0x0010, (ushort)side);
        UShort(output, 0x0028, 0x0011, (ushort)side);
        UShort(output, 0x0028, 0x0100, 16);
        UShort(output, 0x0028, 0x0101, 12);
        UShort(output, 0x0028, 0x0102, 11);
        UShort(output, 0x0028, 0x0103, 0);
        Text(output, 0x0028, 0x0301, "CS", "NO");

        Header(output, 0x7FE0, 0x0010, "OW", (uint)pixelBytes);
        var frame = new byte[FrameBytes(side)];
        for (var f = 0; f < frames; f++)
        {
            for (var i = 0; i < frame.Length / 2; i++)
                BinaryPrimitives.WriteUInt16LittleEndian(frame.AsSpan(i * 2), (ushort)((i + f * 7) & 0x0FFF));
            output.Write(frame);
        }
    }

    private static void Text(Stream output, ushort group, ushort element, string vr, string value)
    {
        var bytes = Encoding.ASCII.GetBytes(value);
        if (bytes.Length % 2 == 1) bytes = [.. bytes, vr == "UI" ? (byte)0 : (byte)' '];
        Element(output, group, element, vr, bytes);
    }

    private static void UShort(Stream output, ushort group, ushort element, ushort value)
    {
        var bytes = new byte[2];
        BinaryPrimitives.WriteUInt16LittleEndian(bytes, value);
        Element(output, group, element, "US", bytes);
    }

    private static void Element(Stream output, ushort group, ushort element, string vr, byte[] value)
    {
        Header(output, group, element, vr, (uint)value.Length);
        output.Write(value);
    }

    private static void Header(Stream output, ushort group, ushort element, string vr, uint length)
    {
        Span<byte> header = stackalloc byte[12];
        BinaryPrimitives.WriteUInt16LittleEndian(header, group);
        BinaryPrimitives.WriteUInt16LittleEndian(header[2..], element);
        Encoding.ASCII.GetBytes(vr, header[4..6]);
        if (vr is "OB" or "OW" or "UN" or "SQ" or "UT")
        {
            header[6] = header[7] = 0;
            BinaryPrimitives.WriteUInt32LittleEndian(header[8..], length);
            output.Write(header);
        }
        else
        {
            BinaryPrimitives.WriteUInt16LittleEndian(header[6..], (ushort)length);
            output.Write(header[..8]);
        }
    }
}
