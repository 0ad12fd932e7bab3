using System.Buffers.Binary;
using System.Text;

namespace MedImaging.Tests.Api.Web.Browser;

/// <summary>
/// A synthetic X-ray angiography cine written byte by byte (Explicit VR Little Endian Part 10): 96 frames of 512×512
/// 8-bit pixels, 25 MB (the issue's large instance; its de-identified output goes to S3 by multipart upload), each frame
/// a differently shifted diagonal ramp. It says Burned In Annotation NO and carries made-up identifying values
/// (<see cref="PatientName"/>...) for the viewer's no-PHI checks.
/// </summary>
public static class SyntheticCine
{
    public const int Frames = 96;
    public const int Size = 512;
    public const string PatientName = "CINESYNTH^QUENTIN";
    public const string PatientId = "CINEMRN7731";
    public const string Institution = "Synthetic Cine Infirmary";
    private const string XaImageStorage = "1.2.840.10008.5.1.4.1.1.12.1";

    public static byte[] Create()
    {
        var instance = NewUid();
        var dataset = new MemoryStream();
        Element(dataset, 0x0008, 0x0008, "CS", Text(@"ORIGINAL\PRIMARY\SINGLE PLANE"));
        Element(dataset, 0x0008, 0x0016, "UI", Uid(XaImageStorage));
        Element(dataset, 0x0008, 0x0018, "UI", Uid(instance));
        Element(dataset, 0x0008, 0x0020, "DA", Text("20240307"));
        Element(dataset, 0x0008, 0x0060, "CS", Text("XA"));
        Element(dataset, 0x0008, 0x0080, "LO", Text(Institution));
        Element(dataset, 0x0010, 0x0010, "PN", Text(PatientName));
        Element(dataset, 0x0010, 0x0020, "LO", Text(PatientId));
        Element(dataset, 0x0010, 0x0030, "DA", Text("19620911"));
        Element(dataset, 0x0018, 0x1063, "DS", Text("33.3"));
        Element(dataset, 0x0020, 0x000D, "UI", Uid(NewUid()));
        Element(dataset, 0x0020, 0x000E, "UI", Uid(NewUid()));
        Element(dataset, 0x0020, 0x0011, "IS", Text("1"));
        Element(dataset, 0x0020, 0x0013, "IS", Text("1"));
        Element(dataset, 0x0028, 0x0002, "US", UShort(1));
        Element(dataset, 0x0028, 0x0004, "CS", Text("MONOCHROME2"));
        Element(dataset, 0x0028, 0x0008, "IS", Text(Frames.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Element(dataset, 0x0028, 0x0009, "AT", [0x18, 0x00, 0x63, 0x10]);
        Element(dataset, 0x0028, 0x0010, "US", UShort(Size));
        Element(dataset, 0x0028, 0x0011, "US", UShort(Size));
        Element(dataset, 0x0028, 0x0100, "US", UShort(8));
        Element(dataset, 0x0028, 0x0101, "US", UShort(8));
        Element(dataset, 0x0028, 0x0102, "US", UShort(7));
        Element(dataset, 0x0028, 0x0103, "US", UShort(0));
        Element(dataset, 0x0028, 0x0301, "CS", Text("NO"));
        Element(dataset, 0x7FE0, 0x0010, "OB", Pixels());

        var meta = new MemoryStream();
        Element(meta, 0x0002, 0x0001, "OB", [0x00, 0x01]);
        Element(meta, 0x0002, 0x0002, "UI", Uid(XaImageStorage));
        Element(meta, 0x0002, 0x0003, "UI", Uid(instance));
        Element(meta, 0x0002, 0x0010, "UI", Uid("1.2.840.10008.1.2.1"));
        Element(meta, 0x0002, 0x0012, "UI", Uid("2.25.310946124515930937372406226343418270741"));

        var file = new MemoryStream();
        file.Write(new byte[128]);
        file.Write("DICM"u8);
        Element(file, 0x0002, 0x0000, "UL", BitConverter.GetBytes((uint)meta.Length));
        meta.WriteTo(file);
        dataset.WriteTo(file);
        return file.ToArray();
    }

    private static byte[] Pixels()
    {
        var pixels = new byte[Frames * Size * Size];
        for (var f = 0; f < Frames; f++)
            for (var y = 0; y < Size; y++)
                for (var x = 0; x < Size; x++)
                    pixels[(f * Size + y) * Size + x] = (byte)(x + y + f * 7);
        return pixels;
    }

    private static void Element(Stream stream, ushort group, ushort element, string vr, byte[] value)
    {
        Span<byte> header = stackalloc byte[12];
        BinaryPrimitives.WriteUInt16LittleEndian(header, group);
        BinaryPrimitives.WriteUInt16LittleEndian(header[2..], element);
        Encoding.ASCII.GetBytes(vr, header[4..]);
        if (vr is "OB" or "OW" or "SQ" or "UN" or "UT")
        {
            BinaryPrimitives.WriteUInt32LittleEndian(header[8..], (uint)value.Length);
            stream.Write(header);
        }
        else
        {
            BinaryPrimitives.WriteUInt16LittleEndian(header[6..], (ushort)value.Length);
            stream.Write(header[..8]);
        }
        stream.Write(value);
    }

    private static byte[] Text(string value) => Encoding.ASCII.GetBytes(value.Length % 2 == 0 ? value : value + " ");

    private static byte[] Uid(string value) => Encoding.ASCII.GetBytes(value.Length % 2 == 0 ? value : value + "\0");

    private static byte[] UShort(int value) => BitConverter.GetBytes((ushort)value);

    private static string NewUid() => "2.25." + new System.Numerics.BigInteger(Guid.NewGuid().ToByteArray(), isUnsigned: true);
}
