using MedImaging.Dicom.Deidentification.Audit;

namespace MedImaging.Dicom.Deidentification.Engine;

/// <summary>
/// Flags instances whose pixel data may show identifying text: Burned In Annotation (0028,0301) = YES,
/// or, unless it says NO, a modality or SOP class that often carries burned-in text (ultrasound, secondary
/// capture, photographs, documents, endoscopy, microscopy and "other").
/// </summary>
internal static class BurnedInAnnotationAssessor
{
    private static readonly HashSet<string> RiskyModalities = ["US", "IVUS", "SC", "XC", "OT", "ES", "GM", "SM", "DOC", "VL", "OP", "IO", "EPS"];

    private static readonly string[] RiskySopClassPrefixes =
    [
        "1.2.840.10008.5.1.4.1.1.6.",   // ultrasound image, multi-frame and volume storage
        "1.2.840.10008.5.1.4.1.1.3.1",  // ultrasound multi-frame image storage
        "1.2.840.10008.5.1.4.1.1.7",    // secondary capture family
        "1.2.840.10008.5.1.4.1.1.77.1", // visible light family
        "1.2.840.10008.5.1.4.1.1.104.", // encapsulated documents
    ];

    public static BurnedInAnnotationRisk Assess(DicomDataset dataset, bool pixelDataCleaned, bool overlayKept)
    {
        var burnedIn = dataset.GetStringOrDefault(DicomTag.BurnedInAnnotation)?.Trim().ToUpperInvariant();
        if (burnedIn == "YES")
            return pixelDataCleaned
                ? new BurnedInAnnotationRisk(false, "Burned In Annotation is YES; configured rectangles were blanked")
                : new BurnedInAnnotationRisk(true, "Burned In Annotation is YES");
        if (overlayKept)
            return new BurnedInAnnotationRisk(true, "overlay graphics kept (Clean Graphics); overlay bitmaps are not inspected");
        if (burnedIn == "NO")
            return BurnedInAnnotationRisk.None;
        if (pixelDataCleaned)
            return new BurnedInAnnotationRisk(false, "configured rectangles were blanked");
        var modality = dataset.GetStringOrDefault(DicomTag.Modality)?.Trim().ToUpperInvariant();
        if (modality is not null && RiskyModalities.Contains(modality))
            return new BurnedInAnnotationRisk(true, $"modality {modality} without Burned In Annotation NO");
        var sopClass = dataset.GetStringOrDefault(DicomTag.SOPClassUID) ?? "";
        if (RiskySopClassPrefixes.Any(p => sopClass.StartsWith(p, StringComparison.Ordinal)))
            return new BurnedInAnnotationRisk(true, $"SOP class {sopClass} without Burned In Annotation NO");
        return BurnedInAnnotationRisk.None;
    }
}
