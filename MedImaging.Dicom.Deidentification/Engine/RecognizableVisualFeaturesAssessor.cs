using MedImaging.Dicom.Deidentification.Audit;

namespace MedImaging.Dicom.Deidentification.Engine;

/// <summary>
/// Flags instances that may show recognizable visual features (PS3.15 E.3.2): photographic modalities and SOP classes
/// (external camera, visible light, ophthalmic photography, video), and cross-sectional modalities (CT, MR, PT, NM)
/// of the head and neck, or with no body part or description saying what they show, because a face can be
/// reconstructed from such a volume. Read from the original attributes, before they are removed.
/// </summary>
internal static class RecognizableVisualFeaturesAssessor
{
    private static readonly HashSet<string> PhotographicModalities = ["XC", "VL", "OP", "GM", "EPS", "IO"];
    private static readonly HashSet<string> VolumeModalities = ["CT", "MR", "PT", "NM"];
    private static readonly string[] HeadWords = ["HEAD", "BRAIN", "SKULL", "FACE", "NECK", "ORBIT", "EYE", "SINUS", "JAW", "TMJ", "NOSE", "EAR", "DENTAL", "MAXILL", "MANDIB"];

    private static readonly string[] PhotographicSopClassPrefixes =
    [
        "1.2.840.10008.5.1.4.1.1.77.1.4",  // VL photographic image, video photographic
        "1.2.840.10008.5.1.4.1.1.77.1.5.", // ophthalmic photography
        "1.2.840.10008.5.1.4.1.1.77.1.1.1", // video endoscopic
    ];

    public static RecognizableVisualFeaturesRisk Assess(DicomDataset dataset)
    {
        if (!dataset.Contains(DicomTag.PixelData))
            return RecognizableVisualFeaturesRisk.None;
        var modality = Upper(DicomTag.Modality);
        if (modality.Length > 0 && PhotographicModalities.Contains(modality))
            return new(true, $"photographic modality {modality}");
        var sopClass = dataset.GetStringOrDefault(DicomTag.SOPClassUID)?.Trim() ?? "";
        if (PhotographicSopClassPrefixes.Any(p => sopClass.StartsWith(p, StringComparison.Ordinal)))
            return new(true, $"photographic SOP class {sopClass}");
        if (!VolumeModalities.Contains(modality))
            return RecognizableVisualFeaturesRisk.None;
        var bodyPart = Upper(DicomTag.BodyPartExamined);
        if (HeadWords.Any(bodyPart.Contains))
            return new(true, $"{modality} of body part {bodyPart}");
        if (HeadWords.Any(w => Upper(DicomTag.StudyDescription).Contains(w) || Upper(DicomTag.SeriesDescription).Contains(w) || Upper(DicomTag.ProtocolName).Contains(w)))
            return new(true, $"{modality} whose study, series or protocol description names the head or neck");
        return bodyPart.Length == 0
            ? new(true, $"{modality} without Body Part Examined: a head volume cannot be ruled out")
            : RecognizableVisualFeaturesRisk.None;

        string Upper(DicomTag tag) => dataset.GetStringOrDefault(tag)?.Trim().ToUpperInvariant() ?? "";
    }
}
