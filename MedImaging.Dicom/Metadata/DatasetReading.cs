using System.Globalization;

namespace MedImaging.Dicom.Metadata;

/// <summary>Lenient reads for metadata extraction: absent, empty or malformed values become null.</summary>
internal static class DatasetReading
{
    public static string? Text(this DicomDataset dataset, DicomTag tag) =>
        dataset.TryGetString(tag, out var value) && value.Length > 0 ? value : null;

    public static int? Number(this DicomDataset dataset, DicomTag tag)
    {
        if (!dataset.TryGetElement(tag, out var element) || element.Count == 0) return null;
        if (element.VR.IsString)
            return int.TryParse(element.GetStrings(dataset.CharacterSet)[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) ? parsed : null;
        return dataset.TryGetValue<int>(tag, 0, out var value) ? value : null;
    }
}
