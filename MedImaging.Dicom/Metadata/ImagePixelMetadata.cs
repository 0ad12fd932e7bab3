namespace MedImaging.Dicom.Metadata;

/// <summary>Image Pixel description: what a decoder needs to know about the pixel data. Contains no PHI.</summary>
public sealed record ImagePixelMetadata(
    int Rows,
    int Columns,
    int SamplesPerPixel,
    string? PhotometricInterpretation,
    int BitsAllocated,
    int BitsStored,
    int HighBit,
    int PixelRepresentation,
    int PlanarConfiguration,
    int NumberOfFrames,
    double RescaleSlope,
    double RescaleIntercept)
{
    public bool IsSigned => PixelRepresentation == 1;

    /// <summary>Bytes of one uncompressed frame.</summary>
    public long FrameLength => ((long)Rows * Columns * SamplesPerPixel * BitsAllocated + 7) / 8;

    /// <summary>Null when the dataset has no pixel data description (no Rows/Columns).</summary>
    public static ImagePixelMetadata? From(DicomDataset dataset)
    {
        if (dataset.Number(DicomTag.Rows) is not { } rows || dataset.Number(DicomTag.Columns) is not { } columns) return null;
        var bitsAllocated = dataset.Number(DicomTag.BitsAllocated) ?? 16;
        var bitsStored = dataset.Number(DicomTag.BitsStored) ?? bitsAllocated;
        return new ImagePixelMetadata(
            rows,
            columns,
            dataset.Number(DicomTag.SamplesPerPixel) ?? 1,
            dataset.Text(DicomTag.PhotometricInterpretation),
            bitsAllocated,
            bitsStored,
            dataset.Number(DicomTag.HighBit) ?? bitsStored - 1,
            dataset.Number(DicomTag.PixelRepresentation) ?? 0,
            dataset.Number(DicomTag.PlanarConfiguration) ?? 0,
            dataset.Number(DicomTag.NumberOfFrames) ?? 1,
            dataset.GetValueOrDefault(DicomTag.RescaleSlope, 0, 1.0),
            dataset.GetValueOrDefault(DicomTag.RescaleIntercept, 0, 0.0));
    }
}
