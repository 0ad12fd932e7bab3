namespace MedImaging.Dicom.Deidentification.PixelData;

/// <summary>Where each pixel's bytes sit in native (uncompressed) pixel data.</summary>
internal sealed record PixelLayout(int Rows, int Columns, int SamplesPerPixel, int BytesPerSample, bool Planar)
{
    public long FrameBytes => (long)Rows * Columns * SamplesPerPixel * BytesPerSample;

    /// <summary>Bytes of one image row within one plane (planar) or of all samples (interleaved).</summary>
    public int RowBytes => Columns * BytesPerSample * (Planar ? 1 : SamplesPerPixel);

    public int PixelBytes => BytesPerSample * (Planar ? 1 : SamplesPerPixel);

    public long PlaneBytes => Planar ? (long)Rows * RowBytes : FrameBytes;
}
