using System.Buffers.Binary;
using MedImaging.Dicom;

namespace MedImaging.Api.Uploads;

/// <summary>
/// Where the top-level Pixel Data of a header-only read says the file ends. A header-only read stops before Pixel Data,
/// so its length is checked here: a hostile length (0xFFFFFFF0) on a short file is refused at upload like any other.
/// </summary>
public static class PixelDataExtent
{
    private const uint UndefinedLength = 0xFFFFFFFF;

    /// <summary>Null without Pixel Data, in a deflated dataset (its offsets are in the inflated bytes) or with undefined length (fragments).</summary>
    public static DeclaredEnd? DeclaredEnd(DicomFile file, ReadOnlySpan<byte> head)
    {
        if (file.PixelDataOffset is not { } offset || file.TransferSyntax.IsDeflate) return null;
        var syntax = file.TransferSyntax;
        const string element = "Pixel Data (7FE0,0010)";
        if (offset + 8 > head.Length) return new DeclaredEnd(element, offset + 8);
        var header = head[(int)offset..];
        long headerLength = 8;
        uint length;
        if (!syntax.IsExplicitVR) length = Read32(header[4..], syntax.IsBigEndian);
        else if (DicomVR.TryParse((ushort)((header[4] << 8) | header[5]), out var vr) && !vr.HasLongLength)
            length = syntax.IsBigEndian ? BinaryPrimitives.ReadUInt16BigEndian(header[6..]) : BinaryPrimitives.ReadUInt16LittleEndian(header[6..]);
        else
        {
            headerLength = 12;
            if (header.Length < 12) return new DeclaredEnd(element, offset + headerLength);
            length = Read32(header[8..], syntax.IsBigEndian);
        }
        return length == UndefinedLength ? null : new DeclaredEnd(element, offset + headerLength + length);
    }

    private static uint Read32(ReadOnlySpan<byte> field, bool bigEndian) =>
        bigEndian ? BinaryPrimitives.ReadUInt32BigEndian(field) : BinaryPrimitives.ReadUInt32LittleEndian(field);
}
