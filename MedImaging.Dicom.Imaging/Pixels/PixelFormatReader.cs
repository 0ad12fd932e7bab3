namespace MedImaging.Dicom.Imaging.Pixels;

/// <summary>Reads the Image Pixel module of a dataset into a <see cref="PixelFormat"/>, with the standard's defaults.</summary>
public static class PixelFormatReader
{
    public static PixelFormat Read(DicomDataset dataset)
    {
        int Required(DicomTag tag, string name) =>
            dataset.TryGetValue<int>(tag, 0, out var v) ? v : throw new PixelDataException($"{name} {tag} is missing");

        var rows = Required(DicomTag.Rows, "Rows");
        var columns = Required(DicomTag.Columns, "Columns");
        var bitsAllocated = Required(DicomTag.BitsAllocated, "BitsAllocated");
        var bitsStored = dataset.GetValueOrDefault(DicomTag.BitsStored, 0, bitsAllocated);
        var highBit = dataset.GetValueOrDefault(DicomTag.HighBit, 0, bitsStored - 1);
        var samples = dataset.GetValueOrDefault(DicomTag.SamplesPerPixel, 0, 1);
        var photometric = dataset.GetStringOrDefault(DicomTag.PhotometricInterpretation)?.Trim() is { Length: > 0 } p
            ? p : samples == 1 ? "MONOCHROME2" : "RGB";
        var format = new PixelFormat(rows, columns, samples, bitsAllocated, bitsStored, highBit,
            dataset.GetValueOrDefault(DicomTag.PixelRepresentation, 0, 0) == 1, photometric,
            dataset.GetValueOrDefault(DicomTag.PlanarConfiguration, 0, 0));
        format.Validate();
        return format;
    }
}
