using MedImaging.Dicom.Deidentification.Policy;

namespace MedImaging.Dicom.Deidentification.PixelData;

/// <summary>
/// Clean Pixel Data (PS3.15 E.3.1): blanks (sets to zero) the rectangles of the first rule matching the
/// instance's modality, manufacturer and size, in every frame, while the output is written (frame by frame, so
/// memory stays flat). Native pixel data with whole-byte samples is blanked as it is copied; encapsulated
/// (compressed) pixel data is decoded with our codecs and written back uncompressed (<see cref="DecodedPixelCleaner"/>).
/// When it cannot be cleaned nothing is changed and the method returns false, so the instance keeps its
/// burned-in annotation risk.
/// </summary>
internal static class PixelDataCleaner
{
    public static bool Apply(DicomDataset dataset, IReadOnlyList<PixelCleaningRule> rules)
    {
        var pixelItem = dataset.GetDicomItem(DicomTag.PixelData);
        if (pixelItem is null)
            return false;
        var rows = dataset.GetSingleValueOrDefault<int>(DicomTag.Rows, 0);
        var columns = dataset.GetSingleValueOrDefault<int>(DicomTag.Columns, 0);
        if (rows <= 0 || columns <= 0)
            return false;
        var rule = rules.FirstOrDefault(r => r.Matches(
            dataset.GetStringOrDefault(DicomTag.Modality), dataset.GetStringOrDefault(DicomTag.Manufacturer), rows, columns));
        if (rule is null || rule.Rectangles.Count == 0)
            return false;
        if (pixelItem is DicomFragmentSequence)
            return DecodedPixelCleaner.Apply(dataset, rule.Rectangles);
        if (pixelItem is not DicomElement pixelData)
            return false;

        var bitsAllocated = dataset.GetSingleValueOrDefault<int>(DicomTag.BitsAllocated, 0);
        var samples = dataset.GetSingleValueOrDefault<int>(DicomTag.SamplesPerPixel, 1);
        var planar = dataset.GetSingleValueOrDefault<int>(DicomTag.PlanarConfiguration, 0) == 1;
        if (bitsAllocated <= 0 || bitsAllocated % 8 != 0 || samples <= 0)
            return false;
        var layout = new PixelLayout(rows, columns, samples, bitsAllocated / 8, planar && samples > 1);
        var source = pixelData.BulkData ?? DicomBulkData.FromMemory(pixelData.Buffer);
        if (source.Length < layout.FrameBytes)
            return false;
        dataset.AddOrUpdate(new DicomElement(pixelData.Tag, pixelData.VR, new RectangleBlankingBulkData(source, layout, rule.Rectangles), pixelData.IsBigEndian));
        return true;
    }
}
