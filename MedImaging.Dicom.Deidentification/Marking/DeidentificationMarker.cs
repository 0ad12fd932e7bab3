using MedImaging.Dicom.Deidentification.Policy;
using MedImaging.Dicom.Deidentification.Profile;

namespace MedImaging.Dicom.Deidentification.Marking;

/// <summary>
/// Records in the instance what was done (PS3.15 E.1.1, PS3.3 C.7.1.1): Patient Identity Removed = YES,
/// De-identification Method (text), De-identification Method Code Sequence (CID 7050), and Longitudinal
/// Temporal Information Modified (MODIFIED when dates were shifted, UNMODIFIED when kept, REMOVED otherwise).
/// </summary>
internal static class DeidentificationMarker
{
    public static IReadOnlyList<DicomTag> Tags { get; } =
    [
        DicomTag.PatientIdentityRemoved, DicomTag.DeidentificationMethod,
        DicomTag.DeidentificationMethodCodeSequence, DicomTag.LongitudinalTemporalInformationModified,
    ];

    public static void Mark(DicomDataset dataset, DeidentificationPolicy policy, bool pixelDataCleaned, bool datesShifted)
    {
        dataset.AddOrUpdate(DicomVR.CS, DicomTag.PatientIdentityRemoved, "YES");
        dataset.AddOrUpdate(DicomVR.LO, DicomTag.DeidentificationMethod, MethodText(policy, pixelDataCleaned));

        var sequence = new DicomSequence(DicomTag.DeidentificationMethodCodeSequence);
        foreach (var code in DeidentificationMethodCode.For(policy, pixelDataCleaned))
        {
            var item = new DicomDataset();
            item.AddOrUpdate(DicomVR.SH, DicomTag.CodeValue, code.Value);
            item.AddOrUpdate(DicomVR.SH, DicomTag.CodingSchemeDesignator, DeidentificationMethodCode.Scheme);
            item.AddOrUpdate(DicomVR.LO, DicomTag.CodeMeaning, code.Meaning);
            sequence.Items.Add(item);
        }
        dataset.AddOrUpdate(sequence);

        var temporal = policy.RetainLongitudinalFullDates ? "UNMODIFIED" : datesShifted ? "MODIFIED" : "REMOVED";
        dataset.AddOrUpdate(DicomVR.CS, DicomTag.LongitudinalTemporalInformationModified, temporal);
    }

    /// <summary>One LO value per part (each at most 64 characters).</summary>
    private static string[] MethodText(DeidentificationPolicy policy, bool pixelDataCleaned)
    {
        var values = new List<string> { $"MedImaging PS3.15 E.1-1 {ConfidentialityProfile.Edition} Basic Profile" };
        if (pixelDataCleaned)
            values.Add("Clean Pixel Data");
        values.AddRange(policy.EnabledOptions.Select(o => o.ToString()));
        return values.ToArray();
    }
}
