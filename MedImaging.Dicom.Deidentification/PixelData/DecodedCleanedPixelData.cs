using MedImaging.Dicom.Deidentification.Policy;
using MedImaging.Dicom.Imaging.Codecs;
using MedImaging.Dicom.Imaging.Codecs.Native;
using MedImaging.Dicom.Imaging.Pixels;

namespace MedImaging.Dicom.Deidentification.PixelData;

/// <summary>
/// Uncompressed pixel data produced while it is written: each frame is decoded, blanked and written before the next
/// is decoded, so only one frame is in memory. The first frame, already decoded as a check, is used once.
/// </summary>
internal sealed class DecodedCleanedPixelData(DicomPixelData pixels, DecodedFrame first, PixelLayout layout, IReadOnlyList<PixelRectangle> rectangles)
    : DicomBulkData
{
    private DecodedFrame? _first = first;

    public override long Length => layout.FrameBytes * pixels.FrameCount;

    public override ReadOnlyMemory<byte> GetBytes()
    {
        using var memory = new MemoryStream(checked((int)Length));
        CopyTo(memory);
        return memory.GetBuffer().AsMemory(0, (int)memory.Length);
    }

    public override void CopyTo(Stream destination)
    {
        using var blanking = new RectangleBlankingStream(destination, layout, rectangles);
        for (var frame = 0; frame < pixels.FrameCount; frame++)
        {
            var decoded = frame == 0 && Interlocked.Exchange(ref _first, null) is { } kept ? kept : Decode(frame);
            if (decoded.Samples.Length != layout.FrameBytes)
                throw new DicomDataException($"frame {frame + 1} decoded to {decoded.Samples.Length} bytes, expected {layout.FrameBytes}", DicomTag.PixelData);
            blanking.Write(decoded.Samples);
        }
    }

    private DecodedFrame Decode(int frame)
    {
        try
        {
            return pixels.DecodeFrame(frame);
        }
        catch (Exception e) when (e is PixelDataException or CodecException or NativeCodecMissingException)
        {
            throw new DicomDataException($"frame {frame + 1} of the pixel data cannot be decoded for cleaning: {e.Message}", DicomTag.PixelData);
        }
    }
}
