using MedImaging.Dicom.Deidentification.Policy;

namespace MedImaging.Dicom.Deidentification.PixelData;

/// <summary>Native pixel data whose rectangles are blanked while it is copied out; the source stays untouched.</summary>
internal sealed class RectangleBlankingBulkData(DicomBulkData source, PixelLayout layout, IReadOnlyList<PixelRectangle> rectangles) : DicomBulkData
{
    public override long Length => source.Length;

    public override ReadOnlyMemory<byte> GetBytes()
    {
        using var memory = new MemoryStream(checked((int)source.Length));
        CopyTo(memory);
        return memory.GetBuffer().AsMemory(0, (int)memory.Length);
    }

    public override void CopyTo(Stream destination)
    {
        using var blanking = new RectangleBlankingStream(destination, layout, rectangles);
        source.CopyTo(blanking);
    }
}
