namespace MedImaging.Dicom.Imaging.Pixels;

/// <summary>The Image Pixel module attributes that say how one frame's samples are laid out.</summary>
public sealed record PixelFormat(
    int Rows,
    int Columns,
    int SamplesPerPixel,
    int BitsAllocated,
    int BitsStored,
    int HighBit,
    bool IsSigned,
    string Photometric,
    int PlanarConfiguration = 0)
{
    public int PixelCount => checked(Rows * Columns);

    public int BytesPerSample => BitsAllocated <= 8 ? 1 : BitsAllocated <= 16 ? 2 : 4;

    /// <summary>Bytes of one uncompressed frame as it would be stored natively (1-bit data packed).</summary>
    public long FrameLength => BitsAllocated == 1
        ? ((long)Rows * Columns * SamplesPerPixel + 7) / 8
        : BitsAllocated == 12 ? ((long)Rows * Columns * SamplesPerPixel * 3 + 1) / 2
        : (long)Rows * Columns * SamplesPerPixel * BytesPerSample;

    /// <summary>Bytes of one decoded frame in our buffer layout (interleaved, 1/2/4 bytes per sample).</summary>
    public long DecodedLength => (long)Rows * Columns * SamplesPerPixel * BytesPerSample;

    public bool IsColor => SamplesPerPixel > 1;

    public void Validate()
    {
        if (Rows <= 0 || Columns <= 0 || Rows > 65535 || Columns > 65535)
            throw new PixelDataException($"invalid image size {Columns}x{Rows}");
        if (SamplesPerPixel is not (1 or 3 or 4))
            throw new PixelDataException($"unsupported SamplesPerPixel {SamplesPerPixel}");
        if (BitsAllocated is not (1 or 8 or 12 or 16 or 32))
            throw new PixelDataException($"unsupported BitsAllocated {BitsAllocated}");
        if (BitsStored < 1 || BitsStored > BitsAllocated || HighBit < BitsStored - 1 || HighBit >= BitsAllocated)
            throw new PixelDataException($"inconsistent BitsStored {BitsStored} / HighBit {HighBit} for BitsAllocated {BitsAllocated}");
    }
}
