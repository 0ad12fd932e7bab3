using System.Buffers.Binary;

namespace MedImaging.Dicom.IO;

/// <summary>
/// The VR of a "US or SS" attribute read without an explicit VR (implicit VR, or UN re-read), chosen as dcmtk 3.6.7
/// does: SS when Pixel Representation (0028,0103) in the same item is 1. dcmtk does this only for the pixel-value
/// attributes below; LUT descriptors stay US (their first and third values are always US, PS3.3 C.11.1.1.1), and so
/// do the rest, whose meaning does not follow the item's Pixel Representation.
/// </summary>
internal static class AmbiguousVR
{
    public static DicomVR Resolve(DicomTag tag, DicomVR vr, DicomDataset dataset)
    {
        if (vr != DicomVR.US || !FollowsPixelRepresentation(tag.Value)) return vr;
        return IsSigned(dataset) ? DicomVR.SS : DicomVR.US;
    }

    private static bool FollowsPixelRepresentation(uint tag) => tag is
        0x00280106 or 0x00280107 or 0x00280108 or 0x00280109 // Smallest/Largest Image Pixel Value (in Series)
        or 0x00280120 or 0x00280121                            // Pixel Padding Value, Pixel Padding Range Limit
        or 0x00409211 or 0x00409216                            // Real World Value Last/First Value Mapped
        or 0x00603004 or 0x00603006;                           // Histogram First/Last Bin Value

    private static bool IsSigned(DicomDataset dataset)
    {
        if (dataset.GetDicomItem(DicomTag.PixelRepresentation) is not DicomElement { Length: >= 2 } element) return false;
        var bytes = element.Buffer.Span;
        var value = element.IsBigEndian ? BinaryPrimitives.ReadUInt16BigEndian(bytes) : BinaryPrimitives.ReadUInt16LittleEndian(bytes);
        return value == 1;
    }
}
